package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;

/** Subscriptions end to end: first delivery, UDP push, throwing listeners, crafted pushes, cache. */
class TestkitSubscriptionTest {
    @TempDir
    Path dir;
    NacosTestServer server;
    ClientRuntime publisherRuntime;
    HttpNamingService publisher;
    ClientRuntime runtime;
    HttpNamingService naming;

    @BeforeEach
    void setUp() {
        server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2).start();
        publisherRuntime = TestClients.runtime(TestClients.options(server, dir, "pub").pushEnabled(false).build());
        publisher = TestClients.naming(publisherRuntime);
        runtime = TestClients.runtime(TestClients.options(server, dir, "sub").build());
        naming = TestClients.naming(runtime);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        publisherRuntime.close();
        server.stop();
    }

    private static Instance host(String service, int port) {
        return Instance.builder(service, "10.1.0.1", port).ephemeral(false).build();
    }

    private static Set<Integer> ports(List<Instance> l) {
        return l.stream().map(Instance::port).collect(Collectors.toSet());
    }

    @Test
    void firstEventIsTheCurrentListOnceThenPushedChanges() throws Exception {
        publisher.addNamingInstance(host("s1", 1));
        publisher.addNamingInstance(host("s1", 2));
        publisher.addNamingInstance(host("s1", 3));
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        // a long interval: what follows the first event comes by UDP push
        naming.subscribe(r, ServiceQuery.of("s1"), Duration.ofMinutes(5));
        NamingEvent first = r.next();
        assertEquals(Set.of(1, 2, 3), ports(first.added()));
        assertEquals(3, first.instances().size());

        publisher.addNamingInstance(host("s1", 4));
        NamingEvent added = r.next();
        assertEquals(Set.of(4), ports(added.added()), "only the change, no spurious added events");
        assertTrue(added.removed().isEmpty() && added.modified().isEmpty());
        assertEquals(4, added.instances().size());

        publisher.modifyNamingInstance(host("s1", 2).toBuilder().weight(9).build());
        NamingEvent modified = r.next();
        assertEquals(1, modified.modified().size());
        assertEquals(9.0, modified.modified().get(0).weight());

        publisher.removeNamingInstance(host("s1", 1));
        assertEquals(Set.of(1), ports(r.next().removed()));
        assertTrue(server.requests().stream().anyMatch(q -> q.path().endsWith("/instance/list")
                && q.param("udpPort").isPresent()), "subscribed for pushes");
    }

    @Test
    void aThrowingListenerKeepsGettingEvents() throws Exception {
        SubscriptionTest.Recorder seen = new SubscriptionTest.Recorder();
        NamingListener thrower = e -> {
            seen.onEvent(e);
            throw new IllegalStateException("boom");
        };
        naming.subscribe(thrower, ServiceQuery.of("s2"), Duration.ofMillis(200));
        seen.next();
        publisher.addNamingInstance(host("s2", 1));
        assertEquals(Set.of(1), ports(seen.next().added()));
        publisher.addNamingInstance(host("s2", 2));
        assertEquals(Set.of(2), ports(seen.next().added()));
    }

    @Test
    void withoutPushChangesArriveByPolling() throws Exception {
        ClientRuntime pollRuntime = TestClients.runtime(TestClients.options(server, dir, "poll").pushEnabled(false).build());
        try {
            HttpNamingService polling = TestClients.naming(pollRuntime);
            SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
            polling.subscribe(r, ServiceQuery.of("s3"), Duration.ofMillis(100));
            r.next();
            publisher.addNamingInstance(host("s3", 1));
            assertEquals(Set.of(1), ports(r.next().added()));
            assertEquals(-1, polling.pushPort());
            assertTrue(server.requests().stream().filter(q -> q.path().endsWith("/instance/list"))
                    .noneMatch(q -> q.param("udpPort").isPresent() && q.param("serviceName").orElse("").endsWith("s3")));
        } finally {
            pollRuntime.close();
        }
    }

    @Test
    void craftedDuplicateAndOlderPushesProduceNoEvent() throws Exception {
        publisher.addNamingInstance(host("s4", 1));
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("s4"), Duration.ofMinutes(5));
        NamingEvent first = r.next();
        long known = naming.listNamingInstance(ServiceQuery.of("s4")).lastRefTime();
        NamingJson json = new NamingJson(Captures.JSON);
        try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            fake.setSoTimeout((int) Timing.deadline().toMillis());
            String older = pushJson(json, 77, known - 1000, List.of(host("s4", 1), host("s4", 99)));
            assertEquals("77", send(fake, older, json).getString("lastRefTime"));
            String newer = pushJson(json, 78, known + 1000, List.of(host("s4", 1), host("s4", 5)));
            send(fake, newer, json);
            send(fake, newer, json); // the re-sent duplicate
            NamingEvent next = r.next();
            assertEquals(Set.of(5), ports(next.added()), "the older push (port 99) produced no event");
            assertTrue(first.added().size() == 1 && r.events.isEmpty(), "the duplicate produced none either");
        }
    }

    private String pushJson(NamingJson json, long id, long dataRefTime, List<Instance> hosts) {
        ServiceInfo info = new ServiceInfo("s4", "DEFAULT_GROUP", "", hosts, Duration.ofSeconds(10), dataRefTime, "", false);
        return Captures.JSON.createObjectBuilder().add("type", "dom").add("data", json.serviceInfoJson(info))
                .add("lastRefTime", id).build().toString();
    }

    private JsonObject send(DatagramSocket fake, String push, NamingJson json) throws Exception {
        byte[] b = push.getBytes(StandardCharsets.UTF_8);
        fake.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), naming.pushPort())));
        byte[] buf = new byte[1024];
        DatagramPacket ack = new DatagramPacket(buf, buf.length);
        fake.receive(ack);
        return json.parseObject(new String(buf, 0, ack.getLength(), StandardCharsets.UTF_8), "ack");
    }

    @Test
    void unsubscribingTheLastListenerStopsListing() throws Exception {
        SubscriptionTest.Recorder a = new SubscriptionTest.Recorder();
        naming.subscribe(a, ServiceQuery.of("s5"), Duration.ofMillis(50));
        a.next();
        assertTrue(Timing.eventually(() -> lists("s5") >= 3), "polling every 50 ms");
        assertTrue(naming.unsubscribe(ServiceQuery.of("s5"), a));
        assertEquals(0, naming.subscriptionCount());
        long after = lists("s5");
        // a clock without sleeping: another subscription polls 10 times at the same interval meanwhile
        SubscriptionTest.Recorder b = new SubscriptionTest.Recorder();
        naming.subscribe(b, ServiceQuery.of("s5-other"), Duration.ofMillis(50));
        b.next();
        assertTrue(Timing.eventually(() -> lists("s5-other") >= 10));
        assertTrue(lists("s5") <= after + 1, "at most a poll in flight finished: " + (lists("s5") - after));
    }

    private long lists(String service) {
        return server.requests().stream().filter(q -> q.path().endsWith("/instance/list")
                && q.param("serviceName").orElse("").equals("DEFAULT_GROUP@@" + service)).count();
    }

    @Test
    void serverDownAtSubscribeDeliversTheCachedListFirst() throws Exception {
        publisher.addNamingInstance(host("s6", 1));
        assertEquals(1, naming.listNamingInstance(ServiceQuery.of("s6")).hosts().size());
        server.stop();
        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("s6"), Duration.ofMillis(100));
        assertEquals(Set.of(1), ports(r.next().added()), "from the disk cache");
    }
}
