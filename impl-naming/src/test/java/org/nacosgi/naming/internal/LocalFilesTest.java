package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;

/** The disk cache (used when no server answers) and the operator's failover files. */
class LocalFilesTest {
    @TempDir
    Path dir;
    FakeTransport transport;
    FakeNamingServer server;
    FakeRuntime runtime;
    HttpNamingService naming;
    final NamingJson json = new NamingJson(Captures.JSON);

    @BeforeEach
    void setUp() {
        transport = new FakeTransport();
        server = new FakeNamingServer();
        transport.handler = server;
        runtime = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .pushEnabled(false).clientName("files").build(), transport);
        naming = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(naming);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static Instance host(int port) {
        return Instance.builder("svc", "10.0.0.1", port).build();
    }

    @Test
    void listsFromTheCacheWhenNoServerAnswersAndFailsWithoutOne() throws Exception {
        server.set(host(1), host(2));
        naming.listNamingInstance(ServiceQuery.of("svc"));
        Path file = dir.resolve("cache/public/DEFAULT_GROUP@@svc.json");
        assertTrue(Files.isRegularFile(file), "cache written at " + file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.collect(Collectors.toList()), "no temporary files left");
        }
        server.down = true;
        ServiceInfo cached = naming.listNamingInstance(ServiceQuery.of("svc"));
        assertEquals(List.of(host(1), host(2)), cached.hosts());
        assertEquals(2, naming.listNamingInstanceAsync(ServiceQuery.of("svc")).get().hosts().size());
        assertThrows(ServerUnavailableException.class, () -> naming.listNamingInstance(ServiceQuery.of("never-listed")),
                "no cache: the caller learns that no server answered, never a silent empty list");
    }

    @Test
    void anUnchangedListIsNotRewritten() throws Exception {
        server.set(host(1));
        naming.listNamingInstance(ServiceQuery.of("svc"));
        Path file = dir.resolve("cache/public/DEFAULT_GROUP@@svc.json");
        Files.writeString(file, "{\"name\":\"DEFAULT_GROUP@@svc\",\"hosts\":[]}");
        naming.listNamingInstance(ServiceQuery.of("svc"));
        assertTrue(Files.readString(file).contains("\"hosts\":[]"), "same hosts: no write");
        server.set(host(1), host(2));
        naming.listNamingInstance(ServiceQuery.of("svc"));
        assertTrue(Files.readString(file).contains("10.0.0.1"));
    }

    @Test
    void namesCannotEscapeTheCacheRoot() {
        Path p = new ServiceCacheFiles(dir, json, System.getLogger("test")).file(ServiceQuery.builder("a:b").groupName("..").namespaceId("..").build(), "..");
        assertTrue(p.normalize().startsWith(dir.resolve("cache")), p.toString());
        assertEquals("%2E%2E", p.getParent().getFileName().toString());
        assertEquals("%2E%2E@@a%3Ab.json", p.getFileName().toString());
    }

    @Test
    void failoverServesTheOperatorsListWhileSwitchedOn() throws Exception {
        server.set(host(1));
        ServiceInfo operator = new ServiceInfo("svc", "DEFAULT_GROUP", "", List.of(host(7), host(8)),
                Duration.ofSeconds(10), 1, "", false);
        Path file = dir.resolve("failover/public/DEFAULT_GROUP@@svc.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.serviceInfoJson(operator), StandardCharsets.UTF_8);
        assertEquals(List.of(host(1)), naming.listNamingInstance(ServiceQuery.of("svc")).hosts(), "switch off");

        Files.writeString(dir.resolve("failover/switch"), "on\n");
        long listsBefore = server.lists.get();
        assertEquals(List.of(host(7), host(8)), naming.listNamingInstance(ServiceQuery.of("svc")).hosts());
        assertEquals(listsBefore, server.lists.get(), "the server is not asked while failover serves the service");
        assertEquals(List.of(host(1)), naming.listNamingInstance(ServiceQuery.of("other")).hosts().stream()
                .map(i -> i.toBuilder().serviceName("svc").build()).collect(Collectors.toList()),
                "services without a failover file still go to the server");

        SubscriptionTest.Recorder r = new SubscriptionTest.Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMillis(20));
        assertEquals(List.of(host(7), host(8)), r.next().added());
        Files.writeString(dir.resolve("failover/switch"), "off");
        assertEquals(List.of(host(1)), r.next().added(), "switching off returns to the server's list");
    }

    @Test
    void anUnreadableCacheFileIsIgnored() throws Exception {
        Path file = dir.resolve("cache/public/DEFAULT_GROUP@@svc.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{torn");
        server.down = true;
        assertThrows(ServerUnavailableException.class, () -> naming.listNamingInstance(ServiceQuery.of("svc")));
        assertFalse(Files.readString(file).isEmpty());
    }
}
