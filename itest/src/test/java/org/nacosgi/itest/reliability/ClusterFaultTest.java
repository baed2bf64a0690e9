package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.NacosTestServer;

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

    @Test
    void oneServerAnswering503() {
        a = Servers.start();
        b = Servers.start();
        c = Servers.start();
        c.fault("*", "/", Fault.status(503, "server is starting"));
        try (NacosClient client = Clients.create(Clients.options(dir, a.serverAddr(), b.serverAddr(), c.serverAddr()))) {
            int calls = exerciseEverything(client);
            long toBad = c.requests().size();
            long toGood = a.requests().size() + b.requests().size();
            assertTrue(toGood >= calls, "the good servers answered " + toGood + " requests for " + calls + " calls");
            // after its first 503 the server is marked down for ServerRotation.DOWN_PERIOD (10 s): a call that starts
            // on it may try it once, later calls go to the others
            assertTrue(toBad <= 2, "the 503 server was asked " + toBad + " times during " + calls + " calls: "
                    + c.requests());
        }
    }

    @Test
    void oneServerDroppingConnections() {
        a = Servers.start();
        b = Servers.start();
        try (TcpRelay dead = TcpRelay.dropping();
                NacosClient client = Clients.create(Clients.options(dir, a.serverAddr(), dead.address(), b.serverAddr()))) {
            int calls = exerciseEverything(client);
            assertTrue(dead.accepted() <= 2, "the dead server got " + dead.accepted() + " connections during "
                    + calls + " calls");
        }
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
