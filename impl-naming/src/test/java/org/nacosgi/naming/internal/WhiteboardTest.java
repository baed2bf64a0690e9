package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.InstanceRegistration;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosRequest.Method;

/** The whiteboard ledgers as the DS shell drives them: bind, update, unbind by service.id. */
class WhiteboardTest {
    @TempDir
    Path dir;
    FakeTransport transport;
    FakeNamingServer server;
    FakeRuntime runtime;
    HttpNamingService naming;
    RegistrationWhiteboard registrations;
    ListenerWhiteboard listeners;

    @BeforeEach
    void setUp() {
        transport = new FakeTransport();
        server = new FakeNamingServer();
        transport.handler = server;
        runtime = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .pushEnabled(false).clientName("wb").build(), transport);
        naming = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(naming);
        System.Logger log = System.getLogger("test");
        registrations = new RegistrationWhiteboard(naming, "wb", () -> "192.0.2.7", log);
        listeners = new ListenerWhiteboard(naming, "wb", log);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static Map<String, Object> props(long id, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("service.id", id);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<NacosRequest> sent(Method m) {
        return transport.requests.stream().filter(r -> r.method() == m && r.path().equals(V1InstanceApi.INSTANCE))
                .collect(Collectors.toList());
    }

    @Test
    void aServiceWithInstancePropertiesIsRegisteredWhileUp() throws Exception {
        registrations.added(props(5, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 8080,
                InstanceRegistration.GROUP, "G", InstanceRegistration.CLUSTER, "c1", InstanceRegistration.WEIGHT, "2.5",
                InstanceRegistration.METADATA, new String[] {"zone=z1", "v=2"}));
        assertTrue(Timing.eventually(() -> sent(Method.POST).size() == 1), "registered in the background");
        NacosRequest r = sent(Method.POST).get(0);
        assertEquals("G@@orders", r.form().get("serviceName"));
        assertEquals("192.0.2.7", r.form().get("ip"), "ip defaults to the host's address");
        assertEquals("8080", r.form().get("port"));
        assertEquals("c1", r.form().get("clusterName"));
        assertEquals("2.5", r.form().get("weight"));
        assertEquals("{\"zone\":\"z1\",\"v\":\"2\"}", r.form().get("metadata"));
        assertEquals(1, naming.beatingInstances());

        registrations.removed(props(5));
        assertEquals(1, sent(Method.DELETE).size(), "deregistered when the service goes away");
        assertEquals(0, naming.beatingInstances());
        registrations.removed(props(5));
        assertEquals(1, sent(Method.DELETE).size(), "an unknown service.id removes nothing");
    }

    @Test
    void badPropertiesAreSkippedAndTheOthersWork() throws Exception {
        registrations.added(props(1, InstanceRegistration.SERVICE, "orders")); // no port
        registrations.added(props(2, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, "http"));
        registrations.added(props(3, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 80,
                InstanceRegistration.WEIGHT, 20000));
        registrations.added(props(4, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 80,
                InstanceRegistration.CLIENT_NAME, "another-client"));
        registrations.added(props(6, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 81,
                InstanceRegistration.METADATA, "{\"k\":\"v\"}"));
        assertEquals(1, registrations.size());
        assertTrue(Timing.eventually(() -> sent(Method.POST).size() == 1));
        assertEquals("{\"k\":\"v\"}", sent(Method.POST).get(0).form().get("metadata"));
    }

    @Test
    void anUpdateMovesTheRegistration() throws Exception {
        registrations.added(props(7, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 80,
                InstanceRegistration.IP, "10.0.0.1"));
        assertTrue(Timing.eventually(() -> sent(Method.POST).size() == 1));
        registrations.modified(props(7, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 81,
                InstanceRegistration.IP, "10.0.0.1"));
        assertEquals("80", sent(Method.DELETE).get(0).query().get("port"));
        assertTrue(Timing.eventually(() -> sent(Method.POST).size() == 2));
        assertEquals("81", sent(Method.POST).get(1).form().get("port"));
        registrations.modified(props(7, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 81,
                InstanceRegistration.IP, "10.0.0.1"));
        assertEquals(1, sent(Method.DELETE).size(), "an update that changes nothing keeps the registration");
    }

    @Test
    void twoServicesForOneInstanceKeepItUntilBothAreGone() throws Exception {
        registrations.added(props(8, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 80));
        registrations.added(props(9, InstanceRegistration.SERVICE, "orders", InstanceRegistration.PORT, 80));
        registrations.removed(props(8));
        assertEquals(0, sent(Method.DELETE).size());
        registrations.removed(props(9));
        assertEquals(1, sent(Method.DELETE).size());
    }

    @Test
    void listenerServicesAreSubscribedWhileRegistered() throws Exception {
        server.set(Instance.builder("orders", "10.0.0.1", 80).groupName("G").build());
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        listeners.added(r, props(11, NamingListener.SERVICE_NAME, "orders", NamingListener.GROUP, "G"));
        assertEquals(1, r.next().added().size());
        assertEquals(1, naming.subscriptionCount());
        NacosRequest list = transport.requests.stream().filter(q -> q.path().equals(V1InstanceApi.LIST)).findFirst()
                .orElseThrow();
        assertEquals("G@@orders", list.query().get("serviceName"));

        listeners.modified(r, props(11, NamingListener.SERVICE_NAME, "payments", NamingListener.CLUSTERS, "a,b"));
        assertEquals(1, naming.subscriptionCount(), "moved, not added");
        listeners.removed(props(11));
        assertEquals(0, naming.subscriptionCount());

        listeners.added(e -> { }, props(12, NamingListener.GROUP, "G")); // no service name
        listeners.added(e -> { }, props(13, NamingListener.SERVICE_NAME, "x", NamingListener.CLIENT_NAME, "other"));
        assertEquals(0, listeners.size());
        listeners.close();
        listeners.added(e -> { }, props(14, NamingListener.SERVICE_NAME, "x"));
        assertEquals(0, naming.subscriptionCount(), "binds after close are no-ops");
    }

    @Test
    void backgroundRegistrationRetriesUntilTheServerTakesIt() throws Exception {
        server.down = true;
        naming.addNamingInstanceInBackground(Instance.builder("orders", "10.0.0.1", 80).build(), Duration.ofMillis(20));
        assertTrue(Timing.eventually(() -> sent(Method.POST).size() >= 2), "retried");
        server.down = false;
        assertTrue(Timing.eventually(() -> transport.count(Method.PUT, V1InstanceApi.BEAT) >= 1),
                "then heartbeats start");
    }
}
