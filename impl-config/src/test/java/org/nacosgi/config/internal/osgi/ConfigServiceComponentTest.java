package org.nacosgi.config.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.transport.internal.HttpRuntimeFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The DS shell without a framework: options from the configuration, the registration, the whiteboard, deactivate. */
class ConfigServiceComponentTest {
    @TempDir
    Path dir;

    final List<String> calls = new ArrayList<>();
    final List<Object> registered = new ArrayList<>();
    final Map<String, Object> registeredProperties = new HashMap<>();

    BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                    calls.add(m.getName());
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> {
                    if (m.getName().equals("registerService") && a[0] == ConfigService.class) {
                        registered.add(a[1]);
                        Dictionary<?, ?> d = (Dictionary<?, ?>) a[2];
                        for (Object k : java.util.Collections.list(d.keys())) {
                            registeredProperties.put((String) k, d.get(k));
                        }
                        return registration;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    Map<String, Object> configuration() {
        Map<String, Object> props = new HashMap<>();
        props.put("serverAddr", "127.0.0.1:1");
        props.put("clientName", "comp1");
        props.put("namespace", "ns1");
        props.put("failoverDir", dir.resolve("f").toString());
        props.put("snapshotDir", dir.resolve("s").toString());
        props.put("service.pid", "org.nacosgi.client~a");
        props.put("service.factoryPid", "org.nacosgi.client");
        props.put("component.id", 12L);
        props.put("listener.target", "(nacos.client=comp1)");
        return props;
    }

    @Test
    void registersTheServiceRunsTheWhiteboardAndClosesEverything() throws Exception {
        List<ClientRuntime> runtimes = new ArrayList<>();
        RuntimeFactory factory = options -> {
            ClientRuntime r = new HttpRuntimeFactory().create(options);
            runtimes.add(r);
            return r;
        };
        ConfigServiceComponent component = new ConfigServiceComponent(context(), configuration(), factory);
        component.activate();
        assertEquals(1, registered.size());
        assertEquals("comp1", registeredProperties.get(ConfigService.CLIENT_NAME));
        assertEquals("ns1", registeredProperties.get(ConfigService.NAMESPACE));
        ConfigService service = (ConfigService) registered.get(0);

        ConfigListener listener = e -> { };
        Map<String, Object> props = Map.of("service.id", 40L, ConfigListener.DATA_ID, "app");
        component.bindListener(listener, props);
        component.unbindListener(listener, props);
        assertFalse(service.removeConfigWatcher("app", null, listener, true), "unbind left the watcher in place");
        component.bindListener(listener, props);

        component.deactivate();
        assertEquals(List.of("unregister"), calls);
        assertTrue(runtimes.get(0).isClosed());
        assertFalse(service.removeConfigWatcher("app", null, listener, true), "watcher survived deactivate");
        assertThrows(IllegalStateException.class, () -> service.getConfig("app"));
        component.bindListener(listener, Map.of("service.id", 41L, ConfigListener.DATA_ID, "late"));
        assertFalse(service.removeConfigWatcher("late", null, listener, true));
    }

    @Test
    void constructionStartsNothingAndListenersBoundBeforeActivateAreWatchedOnceActive() {
        List<ClientRuntime> runtimes = new ArrayList<>();
        RuntimeFactory factory = options -> {
            ClientRuntime r = new HttpRuntimeFactory().create(options);
            runtimes.add(r);
            return r;
        };
        // SCR may construct, bind, then drop an instance without deactivate: nothing may need closing by then
        ConfigServiceComponent component = new ConfigServiceComponent(context(), configuration(), factory);
        ConfigListener kept = e -> { };
        ConfigListener gone = e -> { };
        component.bindListener(kept, Map.of("service.id", 50L, ConfigListener.DATA_ID, "before"));
        component.updatedListener(kept, Map.of("service.id", 50L, ConfigListener.DATA_ID, "moved"));
        component.bindListener(gone, Map.of("service.id", 51L, ConfigListener.DATA_ID, "unbound"));
        component.unbindListener(gone, Map.of("service.id", 51L, ConfigListener.DATA_ID, "unbound"));
        assertTrue(runtimes.isEmpty(), "a runtime was created before activate");
        assertTrue(registered.isEmpty(), "a service was registered before activate");

        component.activate();
        ConfigService service = (ConfigService) registered.get(0);
        assertTrue(service.removeConfigWatcher("moved", null, kept, false), "the early listener is not watched");
        assertFalse(service.removeConfigWatcher("before", null, kept, false), "the update before activate was lost");
        assertFalse(service.removeConfigWatcher("unbound", null, gone, false), "an unbound listener was watched");
        component.deactivate();
        assertTrue(runtimes.get(0).isClosed());
    }

    @Test
    void anActivateAfterDeactivateClosesWhatItStarted() {
        List<ClientRuntime> runtimes = new ArrayList<>();
        ConfigServiceComponent component = new ConfigServiceComponent(context(), configuration(), options -> {
            ClientRuntime r = new HttpRuntimeFactory().create(options);
            runtimes.add(r);
            return r;
        });
        component.deactivate();
        component.activate();
        assertEquals(List.of("unregister"), calls);
        assertTrue(runtimes.get(0).isClosed());
    }

    @Test
    void aBadConfigurationFailsActivationNamingTheKey() {
        Map<String, Object> props = configuration();
        props.put("pullingTimout", "30s");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new ConfigServiceComponent(context(), props, options -> {
                    throw new AssertionError("no runtime for a bad configuration");
                }));
        assertEquals("pullingTimout", e.argument());
        assertTrue(registered.isEmpty());
    }
}
