package org.nacosgi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nacosgi.itest.support.ClientBundles;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Felix boots with SCR, ConfigAdmin, JSON-P and the client bundles, all from local jars; everything resolves. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkBootTest {

    @Configuration
    public Option[] config() {
        return options(ClientBundles.felixWithClient());
    }

    private BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    @Test
    public void everyBundleIsActive() {
        Map<String, Integer> notActive = new TreeMap<>();
        for (Bundle b : context().getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                notActive.put(b.getSymbolicName(), b.getState());
            }
        }
        assertEquals("bundles not active (name -> state)", Map.of(), notActive);
        for (String name : new String[] {ClientBundles.API, ClientBundles.TRANSPORT, ClientBundles.CONFIG,
                ClientBundles.NAMING, "org.eclipse.parsson", "jakarta.json-api", "org.apache.felix.scr",
                "org.apache.felix.configadmin"}) {
            assertNotNull(name + " installed", bundle(name));
        }
    }

    @Test
    public void scrAndConfigAdminRun() {
        assertNotNull(context().getServiceReference("org.osgi.service.component.runtime.ServiceComponentRuntime"));
        assertNotNull(context().getServiceReference("org.osgi.service.cm.ConfigurationAdmin"));
    }

    @Test
    public void clientPackagesComeFromBundlesNotFromTheClassPath() throws Exception {
        ClassLoader app = ClassLoader.getSystemClassLoader();
        assertNull("JSON-P on the test class path", app.getResource("jakarta/json/Json.class"));
        assertNull("api on the test class path", app.getResource("org/nacosgi/api/NacosClients.class"));
        Class<?> clients = getClass().getClassLoader().loadClass("org.nacosgi.api.NacosClients");
        assertEquals(ClientBundles.API, FrameworkUtil.getBundle(clients).getSymbolicName());
        Class<?> json = getClass().getClassLoader().loadClass("jakarta.json.Json");
        assertEquals("jakarta.json-api", FrameworkUtil.getBundle(json).getSymbolicName());
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
