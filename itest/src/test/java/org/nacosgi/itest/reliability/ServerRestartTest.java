package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/**
 * A server killed during a held long poll and back on the same port; a server restart that forgets ephemeral
 * instances. The client is never restarted.
 */
class ServerRestartTest {
    @TempDir
    Path dir;

    /**
     * The server's port dies with the poll held (a relay in front of the testkit is killed: connections reset, port
     * closed), a change is made while it is down, the port comes back: the change arrives exactly once.
     */
    @Test
    void changeMadeWhileTheServerWasDownArrivesOnceAfterItReturns() {
        try (NacosTestServer server = Servers.start(); TcpRelay port = TcpRelay.to(server.port())) {
            server.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            try (NacosClient client = Clients.create(Clients.options(dir, port.address()))) {
                Recorder watcher = new Recorder();
                client.config().addConfigWatcher("k", null, watcher);
                Await.until("first content", Duration.ofSeconds(10), () -> watcher.saw("v1"));
                Await.until("a held long poll", Duration.ofSeconds(10), () -> server.heldLongPolls() == 1);

                port.kill();
                server.putConfig("", "DEFAULT_GROUP", "k", "v2", "text");
                // the client sees the outage: reads fall back to the snapshot
                ConfigItem during = client.config().getConfigItem("k", null, Duration.ofSeconds(1), false);
                assertEquals(ConfigItem.Source.SNAPSHOT, during.source());
                assertEquals("v1", during.content());
                assertEquals(List.of("v1"), watcher.contents());

                port.start();
                Await.until(() -> "the change made while down, saw " + watcher.contents(), Duration.ofSeconds(20),
                        () -> watcher.saw("v2"));
                // a later change is a barrier: a duplicate of v2 would be delivered before it (events are in order)
                server.putConfig("", "DEFAULT_GROUP", "k", "v3", "text");
                Await.until("the next change", Duration.ofSeconds(10), () -> watcher.saw("v3"));
                assertEquals(List.of("v1", "v2", "v3"), watcher.contents());
            }
        }
    }

    /** The testkit restarts on its port (held requests dropped); a change right after is delivered once. */
    @Test
    void watcherResumesAfterTheServerRestartsOnItsPort() {
        try (NacosTestServer server = Servers.start()) {
            server.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            try (NacosClient client = Clients.create(Clients.options(dir, server.serverAddr()))) {
                Recorder watcher = new Recorder();
                client.config().addConfigWatcher("k", null, watcher);
                Await.until("first content", Duration.ofSeconds(10), () -> watcher.saw("v1"));
                Await.until("a held long poll", Duration.ofSeconds(10), () -> server.heldLongPolls() == 1);
                int port = server.port();

                server.restart(false);
                assertEquals(port, server.port());
                server.putConfig("", "DEFAULT_GROUP", "k", "v2", "text");
                Await.until(() -> "the change after the restart, saw " + watcher.contents(), Duration.ofSeconds(20),
                        () -> watcher.saw("v2"));
                server.putConfig("", "DEFAULT_GROUP", "k", "v3", "text");
                Await.until("the next change", Duration.ofSeconds(10), () -> watcher.saw("v3"));
                assertEquals(List.of("v1", "v2", "v3"), watcher.contents());
                Await.until("a held long poll again", Duration.ofSeconds(10), () -> server.heldLongPolls() == 1);
            }
        }
    }

    /**
     * The server restarts and forgets every ephemeral instance: the next beats get code 20404, the client registers
     * them again, and a subscriber (another client) sees all of them again.
     */
    @Test
    void ephemeralInstancesComeBackAfterAForgetfulRestart() {
        int count = 5;
        try (NacosTestServer server = Servers.start();
                NacosClient owner = Clients.create(Clients.options(dir.resolve("owner"), server.serverAddr()));
                NacosClient watcher = Clients.create(Clients.options(dir.resolve("watcher"), server.serverAddr()))) {
            Set<Integer> ports = new java.util.TreeSet<>();
            for (int i = 0; i < count; i++) {
                owner.naming().addNamingInstance(Instance.builder("eph", "10.1.0." + (i + 1), 7000 + i).build(),
                        Duration.ofMillis(300));
                ports.add(7000 + i);
            }
            Recorder subscriber = new Recorder();
            watcher.naming().subscribe(subscriber, ServiceQuery.of("eph"), Duration.ofMillis(200));
            Await.until("the subscriber sees all instances", Duration.ofSeconds(10),
                    () -> subscriber.lastInstancesMatch(l -> ports(l).equals(ports)));
            // light beats (no instance details) are what a server that lost the instance answers with 20404
            Await.until("every instance beats light", Duration.ofSeconds(10),
                    () -> lightBeatPorts(server).containsAll(ports));
            int eventsBefore = subscriber.namingEvents().size();
            server.clearRequests();

            server.restart(true);
            Await.until(() -> "the server has the instances again: " + server.instances("", "eph"),
                    Duration.ofSeconds(10), () -> server.instances("", "eph").size() == count);
            Await.until(() -> "the subscriber sees all instances again: " + subscriber.lastInstances(),
                    Duration.ofSeconds(10), () -> subscriber.lastInstancesMatch(l -> ports(l).equals(ports)));

            List<RecordedRequest> registrations = server.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().endsWith("/v1/ns/instance"))
                    .collect(Collectors.toList());
            assertEquals(count, registrations.size(), "one registration per lost instance: " + registrations);
            assertTrue(Servers.count(server, "/v1/ns/instance/beat") >= count, "beats went on");
            // the subscriber may or may not have polled inside the gap; whatever it saw, it ends with every instance
            assertTrue(subscriber.namingEvents().size() >= eventsBefore);
        }
    }

    private static Set<Integer> lightBeatPorts(NacosTestServer server) {
        return Servers.requests(server, "/v1/ns/instance/beat").stream()
                .filter(r -> r.form().get("beat") == null && r.query().get("beat") == null)
                .map(r -> Integer.valueOf(r.param("port").orElse("0")))
                .collect(Collectors.toSet());
    }

    private static Set<Integer> ports(List<Instance> instances) {
        return instances.stream().map(Instance::port).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
