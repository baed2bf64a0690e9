package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.InstanceRegistration;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.InstanceView;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/** Registration, heartbeats, queries, cache, whiteboard and close against the testkit (a 2.x server). */
class TestkitNamingTest {
    @TempDir
    Path dir;
    NacosTestServer server;
    ClientRuntime runtime;
    HttpNamingService naming;

    @BeforeEach
    void setUp() {
        server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2).start();
        runtime = TestClients.runtime(TestClients.options(server, dir, "tk").build());
        naming = TestClients.naming(runtime, new Random(42));
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        server.stop();
    }

    private List<InstanceView> onServer(String grouped) {
        return server.instances("", grouped);
    }

    @Test
    void stagesChainedOnListAsyncRunOnTheCallbackPoolAndMayBlock() throws Exception {
        naming.addNamingInstance(Instance.builder("orders", "10.0.0.1", 8080).build());
        // a blocking call in the stage: on the transport's one HTTP thread it would wait for itself until timeout
        String got = naming.listNamingInstanceAsync(ServiceQuery.builder("orders").build())
                .thenApply(info -> Thread.currentThread().getName() + " " + info.hosts().size() + " "
                        + naming.listNamingInstance(ServiceQuery.builder("orders").build()).hosts().size())
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(got.startsWith("nacosgi-tk-callback-"), got);
        assertTrue(got.endsWith(" 1 1"), got);
    }

    @Test
    void registerListGetModifyRemove() throws Exception {
        Instance i = Instance.builder("G@@orders", "10.0.0.1", 8080).clusterName("c1").weight(2.5)
                .putMetadata("zone", "z1").build();
        naming.addNamingInstance(i);
        List<InstanceView> held = onServer("G@@orders");
        assertEquals(1, held.size());
        assertEquals("c1", held.get(0).clusterName());
        assertEquals(Map.of("zone", "z1"), held.get(0).metadata());

        ServiceInfo info = naming.listNamingInstance(ServiceQuery.builder("orders").groupName("G").build());
        assertEquals(1, info.hosts().size());
        assertEquals(2.5, info.hosts().get(0).weight());
        assertEquals("G", info.groupName());

        Instance got = naming.getNamingInstance("orders", "10.0.0.1", 8080, "c1", "G");
        assertEquals("z1", got.metadata().get("zone"));
        assertThrows(NotFoundException.class, () -> naming.getNamingInstance("orders", "10.0.0.1", 1, "c1", "G"));

        naming.modifyNamingInstance(i.toBuilder().weight(7).build());
        assertEquals(7.0, onServer("G@@orders").get(0).weight());

        naming.removeNamingInstance(i);
        assertTrue(onServer("G@@orders").isEmpty());
        assertEquals(0, naming.beatingInstances(), "its heartbeat stopped at once");
    }

    @Test
    void noClusterMeansTheDefaultClusterNeverNone() {
        naming.addNamingInstance("plain", "10.0.0.2", 80);
        assertEquals("DEFAULT", onServer("DEFAULT_GROUP@@plain").get(0).clusterName());
    }

    @Test
    void sendHeartbeatReturnsTheServersAnswer() {
        Instance i = Instance.builder("hb", "10.0.0.3", 80).build();
        naming.addNamingInstance(i);
        BeatResult r = naming.sendHeartbeat(i);
        assertEquals(BeatResult.CODE_OK, r.code());
        assertEquals(Duration.ofSeconds(5), r.clientBeatInterval());
        assertTrue(r.lightBeatEnabled());
    }

    @Test
    void lostInstancesAreRegisteredAgainAfterARestart() throws Exception {
        Instance i = Instance.builder("lost", "10.0.0.4", 80).putMetadata("k", "v").build();
        // the first beat comes after 50 ms and turns beats light; the next (5 s, the server's interval) gets 20404
        naming.addNamingInstance(i, Duration.ofMillis(50));
        assertTrue(Timing.eventually(() -> server.requests().stream().anyMatch(r -> r.path().endsWith("/instance/beat"))));
        server.restart(true);
        assertTrue(onServer("DEFAULT_GROUP@@lost").isEmpty(), "the restart forgot it");
        assertTrue(Timing.eventually(Duration.ofSeconds(15), () -> onServer("DEFAULT_GROUP@@lost").size() == 1),
                "registered again after the beat answered 20404");
        assertEquals(Map.of("k", "v"), onServer("DEFAULT_GROUP@@lost").get(0).metadata());
        List<RecordedRequest> posts = server.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/v1/ns/instance")).collect(Collectors.toList());
        assertFalse(posts.isEmpty(), "re-registered by POST, not by a full beat");
    }

    @Test
    void weightedChoiceFollowsTheWeights() {
        naming.addNamingInstance(Instance.builder("w", "10.0.1.1", 80).weight(1).build());
        naming.addNamingInstance(Instance.builder("w", "10.0.1.2", 80).weight(3).build());
        naming.addNamingInstance(Instance.builder("w", "10.0.1.3", 80).weight(0).build());
        naming.addNamingInstance(Instance.builder("w", "10.0.1.4", 80).weight(5).enabled(false).build());
        Map<String, Integer> counts = new HashMap<>();
        naming.subscribe(e -> { }, ServiceQuery.of("w"), Duration.ofMinutes(1)); // choose from the subscription's list
        for (int k = 0; k < 20_000; k++) {
            Optional<Instance> i = naming.selectOneHealthyInstance(ServiceQuery.of("w"));
            counts.merge(i.orElseThrow().ip(), 1, Integer::sum);
        }
        assertEquals(2, counts.size(), "weight 0 and disabled instances are never chosen: " + counts);
        double share = counts.get("10.0.1.2") / 20_000.0;
        // binomial sd at p=0.75, n=20000 is 0.003: 5 sd
        assertTrue(Math.abs(share - 0.75) < 0.015, "share of weight 3 of 4 was " + share);
        assertEquals(Optional.empty(), naming.selectOneHealthyInstance(ServiceQuery.of("nobody")));
    }

    @Test
    void listsFromTheDiskCacheWhenTheServerIsDown() {
        naming.addNamingInstance(Instance.builder("cached", "10.0.2.1", 80).ephemeral(false).build());
        assertEquals(1, naming.listNamingInstance(ServiceQuery.of("cached")).hosts().size());
        server.stop();
        ServiceInfo info = naming.listNamingInstance(ServiceQuery.of("cached"));
        assertEquals("10.0.2.1", info.hosts().get(0).ip());
        assertThrows(ServerUnavailableException.class, () -> naming.listNamingInstance(ServiceQuery.of("uncached")));
    }

    @Test
    void whiteboardRegistrationsFollowTheirServices() throws Exception {
        RegistrationWhiteboard wb = new RegistrationWhiteboard(naming, "tk", () -> "10.0.3.1", System.getLogger("wb"));
        Map<String, Object> props = new HashMap<>();
        props.put("service.id", 41L);
        props.put(InstanceRegistration.SERVICE, "web");
        props.put(InstanceRegistration.PORT, 8443);
        props.put(InstanceRegistration.METADATA, "scheme=https");
        wb.added(props);
        assertTrue(Timing.eventually(() -> onServer("DEFAULT_GROUP@@web").size() == 1));
        assertEquals("10.0.3.1", onServer("DEFAULT_GROUP@@web").get(0).ip());
        assertEquals(Map.of("scheme", "https"), onServer("DEFAULT_GROUP@@web").get(0).metadata());
        wb.removed(props);
        assertTrue(onServer("DEFAULT_GROUP@@web").isEmpty());
    }

    @Test
    void closeDeregistersAndLeavesNoThreadOrSocket() throws Exception {
        naming.addNamingInstance(Instance.builder("bye", "10.0.4.1", 80).build());
        naming.addNamingInstance(Instance.builder("bye", "10.0.4.2", 80).build());
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("bye"), Duration.ofMillis(100));
        r.next();
        int port = naming.pushPort();
        assertTrue(port > 0);
        runtime.close();
        assertTrue(onServer("DEFAULT_GROUP@@bye").isEmpty(), "ephemeral instances deregistered on close");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(port))) {
            assertEquals(port, s.getLocalPort());
        }
        assertTrue(Timing.eventually(() -> {
            System.gc();
            return CloseTest.threadsOf("tk").isEmpty();
        }), () -> "threads left: " + CloseTest.threadsOf("tk"));
    }
}
