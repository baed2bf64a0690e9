package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.InstanceView;
import org.nacosgi.testkit.NacosTestServer;

/** The same client against 3.0 (v1 client calls + admin) and 3.2 (v3 only) servers. */
class TestkitGenerationsTest {
    @TempDir
    Path dir;
    NacosTestServer server;
    ClientRuntime runtime;

    @AfterEach
    void tearDown() {
        if (runtime != null) {
            runtime.close();
        }
        server.stop();
    }

    private HttpNamingService client(Generation g, boolean admin) {
        NacosTestServer.Builder b = NacosTestServer.builder().listDelay(Duration.ZERO).generation(g);
        if (admin) {
            b.auth("nacos", "admin-Pass-1").authEnabled(false);
        }
        server = b.start();
        org.nacosgi.api.ClientOptions.Builder o = TestClients.options(server, dir, "gen");
        if (admin) {
            o.username("nacos").password("admin-Pass-1");
        }
        runtime = TestClients.runtime(o.build());
        return TestClients.naming(runtime);
    }

    @Test
    void on30TheV1ClientCallsWorkAndModifyNeedsCredentials() {
        HttpNamingService naming = client(Generation.V3_0, false);
        Instance i = Instance.builder("G@@svc", "10.2.0.1", 80).clusterName("c1").build();
        naming.addNamingInstance(i);
        assertEquals(1, server.instances("", "G@@svc").size());
        assertEquals(1, naming.listNamingInstance(ServiceQuery.builder("svc").groupName("G").build()).hosts().size());
        OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
                () -> naming.modifyNamingInstance(i.toBuilder().weight(3).build()));
        assertTrue(e.getMessage().contains("username"), e.getMessage());
        Instance got = naming.getNamingInstance("svc", "10.2.0.1", 80, "c1", "G");
        assertEquals(80, got.port(), "derived from the list without credentials");
        naming.removeNamingInstance(i);
        assertTrue(server.instances("", "G@@svc").isEmpty());
    }

    @Test
    void on30ModifyAndDetailUseTheAdminApiWithCredentials() {
        HttpNamingService naming = client(Generation.V3_0, true);
        Instance i = Instance.builder("G@@svc", "10.2.0.2", 80).clusterName("c1").build();
        naming.addNamingInstance(i);
        naming.modifyNamingInstance(i.toBuilder().weight(3).putMetadata("k", "v").build());
        InstanceView v = server.instances("", "G@@svc").get(0);
        assertEquals(3.0, v.weight());
        assertEquals(Map.of("k", "v"), v.metadata());
        assertEquals(3.0, naming.getNamingInstance("svc", "10.2.0.2", 80, "c1", "G").weight());
        assertTrue(server.requests().stream().anyMatch(r -> r.path().endsWith("/v3/admin/ns/instance")
                && r.method().equals("PUT")));
    }

    @Test
    void on32EverythingGoesThroughTheV3ClientApi() throws Exception {
        HttpNamingService naming = client(Generation.V3_2, false);
        Instance i = Instance.builder("G@@svc", "10.2.0.3", 80).clusterName("c1").build();
        naming.addNamingInstance(i, Duration.ofMillis(50));
        assertEquals(1, server.instances("", "G@@svc").size());
        ServiceInfo info = naming.listNamingInstance(ServiceQuery.builder("svc").groupName("G").clusters("c1").build());
        assertEquals(List.of(80), info.hosts().stream().map(Instance::port).collect(java.util.stream.Collectors.toList()));
        assertTrue(naming.listNamingInstance(ServiceQuery.builder("svc").groupName("G").build()).hosts().isEmpty(),
                "3.x client lists without clusters return the DEFAULT cluster only (documented)");

        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.builder("svc").groupName("G").clusters("c1").build(), Duration.ofMillis(100));
        NamingEvent first = r.next();
        assertEquals(1, first.added().size());
        assertTrue(server.requests().stream().noneMatch(q -> q.path().contains("/v1/ns/instance")),
                "no v1 instance call on 3.2 (the transport's generation probe may try v1 paths)");

        assertTrue(Timing.eventually(() -> server.requests().stream()
                .anyMatch(q -> q.path().endsWith("/v3/client/ns/instance") && q.param("heartBeat").isPresent())));
        server.restart(true);
        assertTrue(Timing.eventually(Duration.ofSeconds(15), () -> server.instances("", "G@@svc").size() == 1),
                "code 21003 on the heartbeat: registered again");
        naming.removeNamingInstance(i);
        assertTrue(server.instances("", "G@@svc").isEmpty());
    }
}
