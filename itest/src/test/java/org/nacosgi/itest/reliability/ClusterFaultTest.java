package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/**
 * A cluster of three servers with one of them down or answering 503: every operation succeeds through the other
 * two, and the bad server is put at the back of the order after its first failure instead of being tried first on
 * every call (counted from the requests it received).
 */
@Tag("reliability")
class ClusterFaultTest {
    private static final int ROUNDS = 12;

    @TempDir
    Path dir;
    private NacosTestServer a;
    private NacosTestServer b;
    private NacosTestServer c;

    @AfterEach
    void stop() {
        for (NacosTestServer s : new NacosTestServer[] {a, b, c}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** The server the client sticks to starts answering 503. */
    @Test
    void oneServerAnswering503() {
        a = Servers.start();
        b = Servers.start();
        c = Servers.start();
        try (NacosClient client = Clients.create(Clients.options(dir, a.serverAddr(), b.serverAddr(), c.serverAddr()))) {
            NacosTestServer sticky = stickyServer(client, List.of(a, b, c));
            sticky.fault("*", "/", Fault.status(503, "server is starting"));
            sticky.clearRequests();
            long started = System.nanoTime();
            int calls = exerciseEverything(client);
            assertTriedOnlyAtFirst(sticky.requests().stream().map(RecordedRequest::time).collect(Collectors.toList()),
                    calls, started);
        }
    }

    /** The server the client sticks to dies behind its port: connections are accepted and dropped. */
    @Test
    void oneServerDroppingConnections() {
        a = Servers.start();
        b = Servers.start();
        c = Servers.start();
        try (TcpRelay ra = TcpRelay.to(a.port()); TcpRelay rb = TcpRelay.to(b.port()); TcpRelay rc = TcpRelay.to(c.port());
                NacosClient client = Clients.create(Clients.options(dir, ra.address(), rb.address(), rc.address()))) {
            NacosTestServer sticky = stickyServer(client, List.of(a, b, c));
            TcpRelay dead = sticky == a ? ra : sticky == b ? rb : rc;
            dead.drop();
            long started = System.nanoTime();
            int calls = exerciseEverything(client);
            assertTriedOnlyAtFirst(dead.acceptedAt(), calls, started);
        }
    }

    /** The server the client's calls go to (the rotation starts at a random one and sticks to it). */
    private static NacosTestServer stickyServer(NacosClient client, List<NacosTestServer> servers) {
        for (NacosTestServer s : servers) {
            s.putConfig("", "DEFAULT_GROUP", "probe", "p", "text");
            s.clearRequests();
        }
        assertEquals("p", client.config().getConfig("probe"));
        List<NacosTestServer> asked = servers.stream().filter(s -> !s.requests().isEmpty())
                .collect(Collectors.toList());
        assertEquals(1, asked.size(), "one server answered the first call");
        return asked.get(0);
    }

    /**
     * After its first failure a server is marked down for ServerRotation.DOWN_PERIOD (10 s): only calls already under
     * way (the watcher's first poll, the subscription's first list, the first call; the JDK retries a reset GET once)
     * try it at once, at most 6 attempts; later attempts
     * come at least a down period after the previous burst, never on every call.
     */
    private static void assertTriedOnlyAtFirst(List<Instant> attempts, int calls, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        assertTrue(!attempts.isEmpty(), "the failing server was tried");
        Instant burst = attempts.get(0);
        int inBurst = 0;
        for (Instant t : attempts) {
            if (Duration.between(burst, t).toMillis() >= 10_000) {
                burst = t;
                inBurst = 0;
            }
            inBurst++;
            assertTrue(Duration.between(burst, t).toMillis() < 1000 && inBurst <= 6, "the failing server was tried "
                    + attempts.size() + " times during " + calls + " calls in " + millis + " ms: " + attempts);
        }
        System.out.println("[reliability] cluster: failing server tried " + attempts.size() + " times during "
                + calls + " calls in " + millis + " ms");
    }

    @Test
    void oneServerNotListening() {
        a = Servers.start();
        b = Servers.start();
        c = Servers.start();
        String refused = c.serverAddr();
        c.close();
        try (NacosClient client = Clients.create(Clients.options(dir, refused, a.serverAddr(), b.serverAddr()))) {
            long started = System.nanoTime();
            int calls = exerciseEverything(client);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(calls > 0);
            // a refused connection fails at once, so a call never waits for the dead server
            assertTrue(millis < Await.seconds(20).toMillis(), calls + " calls took " + millis + " ms");
        }
    }

    /** After the 503 server recovers and the other two die, calls go to it: marked servers are retried later. */
    @Test
    void markedServerIsUsedAgainWhenTheOthersFail() {
        a = Servers.start();
        b = Servers.start();
        c = Servers.start();
        for (NacosTestServer s : List.of(a, b, c)) {
            s.putConfig("", "DEFAULT_GROUP", "k", "v", "text");
        }
        c.fault("*", "/", Fault.status(503));
        try (NacosClient client = Clients.create(Clients.options(dir, a.serverAddr(), b.serverAddr(), c.serverAddr()))) {
            for (int i = 0; i < 5; i++) {
                assertEquals("v", client.config().getConfig("k"));
            }
            c.clearFaults();
            c.clearRequests();
            a.stop();
            b.stop();
            ConfigItem item = client.config().getConfigItem("k", null, Duration.ofSeconds(2), true);
            assertEquals("v", item.content());
            assertEquals(ConfigItem.Source.SERVER, item.source());
            assertTrue(c.requests().size() >= 1, "the recovered server answered");
        }
    }

    /** A compare-and-set refused by the live server stays a conflict while another server answers 503. */
    @Test
    void casConflictIsAConflictWhileAnotherServerIsDown() {
        a = Servers.start();
        c = Servers.start();
        c.fault("*", "/", Fault.status(503));
        a.putConfig("", "DEFAULT_GROUP", "k", "v", "text");
        try (NacosClient client = Clients.create(Clients.options(dir, a.serverAddr(), c.serverAddr()))) {
            // after this read the live server is tried first and the 503 comes last, as the failure reported
            assertEquals("v", client.config().getConfig("k"));
            for (int i = 0; i < 3; i++) {
                ConflictException e = assertThrows(ConflictException.class,
                        () -> client.config().publishConfig("k", null, "w", null, "0".repeat(32)));
                assertTrue(e.getMessage().contains("Cas publish fail"), e.getMessage());
            }
            assertEquals("v", a.config("", "DEFAULT_GROUP", "k").orElseThrow());
        }
    }

    /**
     * Every kind of call, {@value #ROUNDS} times: config read/write/remove, a watched key, instance
     * register/list/detail/beat/deregister, a subscription. Returns how many calls were made.
     */
    private static int exerciseEverything(NacosClient client) {
        Recorder watcher = new Recorder();
        Recorder subscriber = new Recorder();
        client.config().addConfigWatcher("watched", "DEFAULT_GROUP", watcher);
        client.naming().subscribe(subscriber, ServiceQuery.of("svc"), Duration.ofMillis(200));
        int calls = 2;
        for (int i = 0; i < ROUNDS; i++) {
            String key = "key" + i;
            client.config().publishConfig(key, "DEFAULT_GROUP", "content" + i);
            assertEquals("content" + i, client.config().getConfig(key, "DEFAULT_GROUP"));
            client.config().removeConfig(key, "DEFAULT_GROUP");
            try {
                client.config().getConfigItem(key, "DEFAULT_GROUP", Duration.ofSeconds(2), true);
                throw new AssertionError("removed config " + key + " still readable");
            } catch (NotFoundException expected) {
                // removed
            }
            Instance instance = Instance.builder("svc", "10.0.0.1", 1000 + i).build();
            client.naming().addNamingInstance(instance, Duration.ofSeconds(1));
            assertTrue(client.naming().listNamingInstance("svc").stream().anyMatch(x -> x.port() == instance.port()));
            assertEquals(instance.port(), client.naming().getNamingInstance("svc", "10.0.0.1", instance.port(), null,
                    null).port());
            client.naming().sendHeartbeat(instance);
            client.config().publishConfig("watched", "DEFAULT_GROUP", "w" + i);
            String expected = "w" + i;
            Await.until(() -> "watcher sees " + expected + ", saw " + watcher.contents(), Duration.ofSeconds(10),
                    () -> watcher.saw(expected));
            int port = instance.port();
            Await.until(() -> "subscriber sees port " + port, Duration.ofSeconds(10),
                    () -> subscriber.lastInstancesMatch(l -> l.stream().anyMatch(x -> x.port() == port)));
            client.naming().removeNamingInstance(instance);
            calls += 10;
        }
        assertEquals(ROUNDS, watcher.contents().size(), "one event per change: " + watcher.contents());
        return calls;
    }
}
