package org.nacosgi.naming.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.transport.internal.HttpRuntimeFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/** The DS shell without a framework: nothing starts before activate, early listeners, deactivate in any order. */
class NamingServiceComponentTest {
    @TempDir
    Path dir;

    final List<String> calls = new ArrayList<>();
    final List<Object> registered = new ArrayList<>();
    final List<ClientRuntime> runtimes = new ArrayList<>();

    final RuntimeFactory factory = options -> {
        ClientRuntime r = new HttpRuntimeFactory().create(options);
        runtimes.add(r);
        return r;
    };

    BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                    calls.add(m.getName());
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "registerService":
                            registered.add(a[1]);
                            return registration;
                        case "createFilter":
                            return FrameworkUtil.createFilter((String) a[0]);
                        case "addServiceListener":
                        case "removeServiceListener":
                            calls.add(m.getName());
                            return null;
                        case "getServiceReferences":
                        case "getAllServiceReferences":
                            return null;
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    Map<String, Object> configuration() {
        Map<String, Object> props = new HashMap<>();
        props.put("serverAddr", "127.0.0.1:1");
        props.put("clientName", "ncomp");
        props.put("namingCacheDir", dir.resolve("n").toString());
        props.put("failoverDir", dir.resolve("f").toString());
        props.put("snapshotDir", dir.resolve("s").toString());
        props.put("pushEnabled", false);
        props.put("service.pid", "org.nacosgi.client~a");
        props.put("component.id", 7L);
        return props;
    }

    @Test
    void constructionStartsNothingAndListenersBoundBeforeActivateAreSubscribedOnceActive() {
        // SCR may construct, bind, then drop an instance without deactivate: nothing may need closing by then
        NamingServiceComponent component = new NamingServiceComponent(context(), configuration(), factory);
        NamingListener kept = e -> { };
        NamingListener gone = e -> { };
        component.bindListener(kept, Map.of("service.id", 60L, NamingListener.SERVICE_NAME, "svc-kept"));
        component.bindListener(gone, Map.of("service.id", 61L, NamingListener.SERVICE_NAME, "svc-gone"));
        component.unbindListener(gone, Map.of("service.id", 61L, NamingListener.SERVICE_NAME, "svc-gone"));
        assertTrue(runtimes.isEmpty(), "a runtime was created before activate");
        assertTrue(registered.isEmpty(), "a service was registered before activate");
        assertTrue(calls.isEmpty(), "the registration whiteboard was tracking before activate");

        component.activate();
        NamingService naming = (NamingService) registered.get(0);
        assertEquals(List.of("addServiceListener"), calls);
        assertEquals(1, subscriptions(naming), "the listener bound before activate is not subscribed");

        component.deactivate();
        assertEquals(List.of("addServiceListener", "removeServiceListener", "unregister"), calls);
        assertTrue(runtimes.get(0).isClosed());
    }

    @Test
    void anActivateAfterDeactivateClosesWhatItStarted() {
        NamingServiceComponent component = new NamingServiceComponent(context(), configuration(), factory);
        component.deactivate();
        component.activate();
        assertEquals(List.of("addServiceListener", "removeServiceListener", "unregister"), calls);
        assertTrue(runtimes.get(0).isClosed());
        assertEquals(1, runtimes.size(), "a second runtime was created");
    }

    @Test
    void aBadConfigurationFailsConstructionNamingTheKey() {
        Map<String, Object> props = configuration();
        props.put("pushEnabeld", "false");
        assertThrows(org.nacosgi.api.InvalidArgumentException.class,
                () -> new NamingServiceComponent(context(), props, options -> {
                    throw new AssertionError("no runtime for a bad configuration");
                }));
        assertTrue(registered.isEmpty());
    }

    private static int subscriptions(NamingService naming) {
        try {
            java.lang.reflect.Method m = naming.getClass().getDeclaredMethod("subscriptionCount");
            m.setAccessible(true);
            return (Integer) m.invoke(naming);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
