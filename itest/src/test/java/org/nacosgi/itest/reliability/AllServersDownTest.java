package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Every server down (their ports closed): config reads serve the snapshot, naming serves the disk cache, both
 * recover when one server returns; without a snapshot the caller gets a clear "unavailable" error.
 */
class AllServersDownTest {
    @TempDir
    Path dir;

    @Test
    void snapshotAndDiskCacheServeUntilAServerReturns() {
        try (NacosTestServer a = Servers.start(); NacosTestServer b = Servers.start();
                TcpRelay portA = TcpRelay.to(a.port()); TcpRelay portB = TcpRelay.to(b.port())) {
            for (NacosTestServer s : List.of(a, b)) {
                s.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            }
            try (NacosClient owner = Clients.create(Clients.options(dir.resolve("owner"), a.serverAddr()));
                    NacosClient owner2 = Clients.create(Clients.options(dir.resolve("owner2"), b.serverAddr()));
                    NacosClient client = Clients.create(Clients.options(dir.resolve("client"), portA.address(),
                            portB.address()))) {
                owner.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
                owner2.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
                Recorder watcher = new Recorder();
                Recorder subscriber = new Recorder();
                client.config().addConfigWatcher("k", null, watcher);
                client.naming().subscribe(subscriber, ServiceQuery.of("svc"), Duration.ofMillis(200));
                assertEquals("v1", client.config().getConfig("k"));
                assertEquals(Set.of(1), ports(client.naming().listNamingInstance("svc")));
                Await.until("first events", Duration.ofSeconds(10),
                        () -> watcher.saw("v1") && subscriber.lastInstances().isPresent());

                portA.kill();
                portB.kill();
                ConfigItem snapshot = client.config().getConfigItem("k", null, Duration.ofSeconds(2), false);
                assertEquals(ConfigItem.Source.SNAPSHOT, snapshot.source());
                assertEquals("v1", snapshot.content());
                assertEquals("v1", client.config().getConfig("k"));
                assertEquals("v1", client.config().getConfigAsync("k", null).join().content());
                assertEquals(Set.of(1), ports(client.naming().listNamingInstance("svc")), "disk cache");
                assertEquals(Optional.of(1), client.naming().selectOneHealthyInstance(ServiceQuery.of("svc"))
                        .map(Instance::port));
                ServerUnavailableException strict = assertThrows(ServerUnavailableException.class,
                        () -> client.config().getConfigItem("k", null, Duration.ofSeconds(2), true));
                assertTrue(strict.getMessage().contains("no server answered"), strict.getMessage());
                assertEquals(2, strict.serversTried().size(), strict.serversTried().toString());

                // one server returns, with changes made while everything was down
                b.putConfig("", "DEFAULT_GROUP", "k", "v2", "text");
                owner2.naming().addNamingInstance(Instance.builder("svc", "10.0.0.2", 2).build());
                portB.start();
                Await.until(() -> "the watcher recovers: " + watcher.contents(), Duration.ofSeconds(30),
                        () -> watcher.saw("v2"));
                Await.until("the subscriber recovers", Duration.ofSeconds(30),
                        () -> subscriber.lastInstancesMatch(l -> ports(l).equals(Set.of(1, 2))));
                ConfigItem fresh = client.config().getConfigItem("k", null, Duration.ofSeconds(2), false);
                assertEquals(ConfigItem.Source.SERVER, fresh.source());
                assertEquals("v2", fresh.content());
                assertEquals(Set.of(1, 2), ports(client.naming().listNamingInstance("svc")));
                assertEquals(List.of("v1", "v2"), watcher.contents());
            }
        }
    }

    @Test
    void withoutASnapshotTheCallerGetsAClearUnavailableError() {
        NacosTestServer a = Servers.start();
        String deadA = a.serverAddr();
        a.close();
        try (TcpRelay deadB = TcpRelay.dropping();
                NacosClient client = Clients.create(Clients.options(dir, deadA, deadB.address()))) {
            ServerUnavailableException config = assertThrows(ServerUnavailableException.class,
                    () -> client.config().getConfig("k"));
            assertTrue(config.getMessage().contains("get config k/DEFAULT_GROUP: no server answered"),
                    config.getMessage());
            assertTrue(config.getMessage().contains("there is no local snapshot"), config.getMessage());
            assertEquals(2, config.serversTried().size());
            ServerUnavailableException naming = assertThrows(ServerUnavailableException.class,
                    () -> client.naming().listNamingInstance("svc"));
            assertTrue(naming.getMessage().contains("failed on every server"), naming.getMessage());
            System.out.println("[reliability] all down, no snapshot -> " + config.getMessage());
            System.out.println("[reliability] all down, no cache -> " + naming.getMessage());
        }
    }

    @Test
    void noSnapshotOptionRefusesTheSnapshot() {
        try (NacosTestServer server = Servers.start(); TcpRelay port = TcpRelay.to(server.port())) {
            server.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            try (NacosClient writer = Clients.create(Clients.options(dir, port.address()))) {
                assertEquals("v1", writer.config().getConfig("k")); // leaves a snapshot in dir
            }
            try (NacosClient client = Clients.create(Clients.options(dir, port.address()).noSnapshot(true))) {
                port.kill();
                ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                        () -> client.config().getConfig("k"));
                assertTrue(e.getMessage().contains("snapshots are off"), e.getMessage());
            }
        }
    }

    private static Set<Integer> ports(List<Instance> instances) {
        return instances.stream().map(Instance::port).collect(Collectors.toSet());
    }
}
