package org.nacosgi.transport.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.transport.internal.JsonProviders;
import org.nacosgi.transport.internal.StandInJsonProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The DS shell without a framework: a stand-in BundleContext; the OSGi wiring itself is tested in itest. */
class RuntimeFactoryComponentTest {
    private final AtomicInteger bundleLookups = new AtomicInteger();

    private BundleContext contextWith(Bundle... bundles) {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getBundles")) {
                        bundleLookups.incrementAndGet();
                        return bundles;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Bundle bundle(String symbolicName, int state, Class<?> providerClass) {
        return (Bundle) Proxy.newProxyInstance(RuntimeFactoryComponentTest.class.getClassLoader(),
                new Class<?>[] {Bundle.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getSymbolicName": return symbolicName;
                        case "getState": return state;
                        case "loadClass":
                            if (args[0].equals(JsonProviders.PARSSON_PROVIDER) && providerClass != null) {
                                return providerClass;
                            }
                            throw new ClassNotFoundException((String) args[0]);
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static ClientRuntime create(RuntimeFactoryComponent component) {
        return component.create(ClientOptions.builder().serverAddr("127.0.0.1:1").clientName("ds").build());
    }

    @Test
    void usesTheParssonBundlesProviderClass() {
        RuntimeFactoryComponent c = new RuntimeFactoryComponent(contextWith(
                bundle("other.bundle", Bundle.ACTIVE, null),
                bundle(JsonProviders.PARSSON_BUNDLE, Bundle.INSTALLED, null), // not resolved: skipped
                bundle(JsonProviders.PARSSON_BUNDLE, Bundle.RESOLVED, StandInJsonProvider.class)));
        try (ClientRuntime rt = create(c)) {
            assertTrue(rt.json() instanceof StandInJsonProvider, rt.json().getClass().getName());
        }
        // the factory's own json() is the same lookup (the ConfigAdmin bridge reads JSON through it)
        JsonProvider json = c.json();
        assertTrue(json instanceof StandInJsonProvider, json.getClass().getName());
    }

    @Test
    void aJsonProviderServiceWinsOverTheBundle() throws Exception {
        RuntimeFactoryComponent c = new RuntimeFactoryComponent(contextWith(
                bundle(JsonProviders.PARSSON_BUNDLE, Bundle.ACTIVE, StandInJsonProvider.class)));
        JsonProvider service = JsonProvider.provider();
        Field f = RuntimeFactoryComponent.class.getDeclaredField("jsonService"); // SCR injects this field
        f.setAccessible(true);
        f.set(c, service);
        try (ClientRuntime rt = create(c)) {
            assertSame(service, rt.json());
            assertSame(service, c.json());
            assertEquals(0, bundleLookups.get(), "no bundle lookup when a service is bound");
        }
        f.set(c, null); // the service went away: the bundle's provider again, looked up anew
        JsonProvider fromBundle = c.json();
        assertTrue(fromBundle instanceof StandInJsonProvider, fromBundle.getClass().getName());
        assertEquals(1, bundleLookups.get());
    }

    @Test
    void withoutServiceAndBundleTheServiceLoaderIsUsed() {
        RuntimeFactoryComponent c = new RuntimeFactoryComponent(contextWith());
        try (ClientRuntime rt = create(c)) {
            assertEquals(JsonProviders.PARSSON_PROVIDER, rt.json().getClass().getName());
            assertEquals(1, bundleLookups.get());
        }
    }
}
