package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Snapshot and disk-cache files: created owner-only (POSIX), and never written or read through a symbolic link
 * that leads out of their root. Hostile names stay inside the root.
 */
class LocalFilesSecurityTest {
    private static final String OUTSIDE_CONFIG = "outside content";
    private static final String OUTSIDE_LIST = "{\"name\":\"DEFAULT_GROUP@@svc\",\"hosts\":[{\"ip\":\"6.6.6.6\",\"port\":666}]}";

    @TempDir
    Path dir;
    private Path outside;

    @BeforeEach
    void posixOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        outside = Files.createDirectories(dir.resolve("outside"));
    }

    @Test
    void filesAndDirectoriesAreOwnerOnly() throws IOException {
        try (NacosTestServer server = Servers.start();
                NacosClient client = Clients.create(Clients.options(dir.resolve("c"), server.serverAddr())
                        .namespace("ns-1"))) {
            server.putConfig("ns-1", "DEFAULT_GROUP", "k", "v", "text");
            client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
            assertEquals("v", client.config().getConfig("k"));
            assertEquals(1, client.naming().listNamingInstance("svc").size());
            // a hostile but legal service name: escaped, inside the root
            client.naming().addNamingInstance(Instance.builder("../../escape", "10.0.0.1", 2).build());
            assertEquals(1, client.naming().listNamingInstance("../../escape").size());
        }
        Map<String, String> modes = new TreeMap<>();
        for (Path root : List.of(dir.resolve("c/snapshot"), dir.resolve("c/naming"))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.collect(Collectors.toList())) {
                    modes.put(dir.relativize(p).toString(), PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
                }
            }
        }
        long files = modes.keySet().stream().filter(k -> Files.isRegularFile(dir.resolve(k))).count();
        assertTrue(files >= 3, "snapshot and cache files were written: " + modes);
        for (Map.Entry<String, String> e : modes.entrySet()) {
            boolean directory = Files.isDirectory(dir.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS);
            assertEquals(directory ? "rwx------" : "rw-------", e.getValue(), e.getKey());
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("escape"))
                    .filter(p -> !p.startsWith(dir.resolve("c/naming/cache"))).collect(Collectors.toList()));
        }
        System.out.println("[reliability] file modes: " + modes);
    }

    /** The snapshot namespace directory is a link out of the root: nothing is written or read through it. */
    @Test
    void snapshotDirectoryLinkLeadingOutIsNotFollowed() throws IOException {
        Path snapshots = dir.resolve("c/snapshot");
        Files.createDirectories(snapshots);
        Files.createSymbolicLink(snapshots.resolve("public"), outside);
        Files.createDirectories(outside.resolve("DEFAULT_GROUP"));
        Path planted = Files.writeString(outside.resolve("DEFAULT_GROUP").resolve("planted"), OUTSIDE_CONFIG);
        try (NacosTestServer server = Servers.start(); TcpRelay port = TcpRelay.to(server.port());
                NacosClient client = Clients.create(Clients.options(dir.resolve("c"), port.address()))) {
            server.putConfig("", "DEFAULT_GROUP", "k", "server content", "text");
            assertEquals("server content", client.config().getConfig("k"));
            port.kill();
            assertThrows(ServerUnavailableException.class, () -> client.config().getConfig("planted"),
                    "a file reached through the link is not served as a snapshot");
            assertThrows(ServerUnavailableException.class, () -> client.config().getConfig("k"),
                    "no snapshot was written through the link");
        }
        assertEquals(List.of("planted"), names(outside.resolve("DEFAULT_GROUP")));
        assertEquals(OUTSIDE_CONFIG, Files.readString(planted));
    }

    /** A snapshot file that is a link to a file outside: a new snapshot replaces the link, the target is untouched. */
    @Test
    void snapshotFileLinkLeadingOutIsReplacedNotWrittenThrough() throws IOException {
        Path group = Files.createDirectories(dir.resolve("c/snapshot/public/DEFAULT_GROUP"));
        Path target = Files.writeString(outside.resolve("target"), OUTSIDE_CONFIG);
        Files.createSymbolicLink(group.resolve("k"), target);
        Files.createSymbolicLink(group.resolve("other"), target);
        try (NacosTestServer server = Servers.start(); TcpRelay port = TcpRelay.to(server.port());
                NacosClient client = Clients.create(Clients.options(dir.resolve("c"), port.address()))) {
            server.putConfig("", "DEFAULT_GROUP", "k", "server content", "text");
            assertEquals("server content", client.config().getConfig("k"));
            assertEquals(OUTSIDE_CONFIG, Files.readString(target), "the link's target is untouched");
            assertFalse(Files.isSymbolicLink(group.resolve("k")), "the link was replaced by the snapshot");
            port.kill();
            ConfigItem item = client.config().getConfigItem("k", null, Duration.ofSeconds(1), false);
            assertEquals("server content", item.content());
            assertThrows(ServerUnavailableException.class, () -> client.config().getConfig("other"),
                    "a snapshot that is a link out of the root is not read");
        }
    }

    /** The naming cache's namespace directory is a link out of the root: nothing is written or read through it. */
    @Test
    void namingCacheDirectoryLinkLeadingOutIsNotFollowed() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("c/naming/cache"));
        Files.createSymbolicLink(cache.resolve("public"), outside);
        Files.writeString(outside.resolve("DEFAULT_GROUP@@planted.json"), OUTSIDE_LIST);
        try (NacosTestServer server = Servers.start(); TcpRelay port = TcpRelay.to(server.port());
                NacosClient owner = Clients.create(Clients.options(dir.resolve("o"), server.serverAddr()));
                NacosClient client = Clients.create(Clients.options(dir.resolve("c"), port.address()))) {
            owner.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
            assertEquals(1, client.naming().listNamingInstance("svc").size());
            port.kill();
            assertThrows(ServerUnavailableException.class, () -> client.naming().listNamingInstance("planted"),
                    "a list reached through the link is not served from the cache");
            assertThrows(ServerUnavailableException.class, () -> client.naming().listNamingInstance("svc"),
                    "no cache file was written through the link");
        }
        assertEquals(List.of("DEFAULT_GROUP@@planted.json"), names(outside));
    }

    /** A cache file that is a link to a file outside is neither read nor written through. */
    @Test
    void namingCacheFileLinkLeadingOutIsNotFollowed() throws IOException {
        Path ns = Files.createDirectories(dir.resolve("c/naming/cache/public"));
        Path target = Files.writeString(outside.resolve("target.json"), OUTSIDE_LIST);
        Files.createSymbolicLink(ns.resolve("DEFAULT_GROUP@@svc.json"), target);
        Files.createSymbolicLink(ns.resolve("DEFAULT_GROUP@@other.json"), target);
        try (NacosTestServer server = Servers.start(); TcpRelay port = TcpRelay.to(server.port());
                NacosClient owner = Clients.create(Clients.options(dir.resolve("o"), server.serverAddr()));
                NacosClient client = Clients.create(Clients.options(dir.resolve("c"), port.address()))) {
            owner.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
            assertEquals(1, client.naming().listNamingInstance(ServiceQuery.of("svc")).hosts().size());
            assertEquals(OUTSIDE_LIST, Files.readString(target), "the link's target is untouched");
            port.kill();
            assertEquals(1, client.naming().listNamingInstance("svc").get(0).port(), "the cache the client wrote");
            assertThrows(ServerUnavailableException.class, () -> client.naming().listNamingInstance("other"),
                    "a cache file that is a link out of the root is not read");
        }
    }

    private static List<String> names(Path directory) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(directory)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(null);
        return out;
    }
}
