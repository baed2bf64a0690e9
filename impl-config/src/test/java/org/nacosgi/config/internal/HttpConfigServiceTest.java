package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.ServerErrorException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.ServerGeneration;

/** Reads, writes and argument checks of {@link HttpConfigService} over a scripted transport. */
class HttpConfigServiceTest {
    @TempDir
    Path dir;
    ScriptedTransport transport;
    FakeRuntime runtime;
    HttpConfigService service;

    @BeforeEach
    void start() {
        transport = new ScriptedTransport();
        runtime = new FakeRuntime(options().build(), transport);
        service = new HttpConfigService(runtime);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    ClientOptions.Builder options() {
        return ClientOptions.builder().serverAddr("127.0.0.1:1").clientName("t")
                .failoverDir(dir.resolve("failover")).snapshotDir(dir.resolve("snapshot"));
    }

    Path failoverFile(String dataId) {
        return dir.resolve("failover").resolve("public").resolve("DEFAULT_GROUP").resolve(dataId);
    }

    Path snapshotFile(String dataId) {
        return dir.resolve("snapshot").resolve("public").resolve("DEFAULT_GROUP").resolve(dataId);
    }

    static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    void serverAnswers(int status, String body) {
        transport.handler = r -> CompletableFuture.completedFuture(ScriptedTransport.answer(status, body,
                status == 200 ? Map.of("Config-Type", List.of("properties")) : Map.of()));
    }

    @Test
    void failoverFileBeatsServerAndServerIsNotAsked() throws Exception {
        write(failoverFile("app"), "from=failover");
        serverAnswers(200, "from=server");
        ConfigItem item = service.getConfigItem("app", null, null, false);
        assertEquals("from=failover", item.content());
        assertEquals(ConfigItem.Source.FAILOVER, item.source());
        assertEquals(Md5.of("from=failover"), item.md5());
        assertTrue(transport.requests.isEmpty(), "the server must not be asked: " + transport.requests);
    }

    @Test
    void serverBeatsSnapshotAndRefreshesIt() throws Exception {
        write(snapshotFile("app"), "old");
        serverAnswers(200, "new");
        ConfigItem item = service.getConfigItem("app", "DEFAULT_GROUP", null, false);
        assertEquals("new", item.content());
        assertEquals(ConfigItem.Source.SERVER, item.source());
        assertEquals("properties", item.type());
        assertEquals("new", Files.readString(snapshotFile("app")));
        NacosRequest sent = transport.requests.get(0);
        assertEquals("/v1/cs/configs", sent.path());
        assertEquals(Map.of("dataId", "app", "group", "DEFAULT_GROUP"), sent.query());
    }

    @Test
    void unchangedContentLeavesTheSnapshotAloneButAnEditedSnapshotIsRewritten() throws Exception {
        serverAnswers(200, "v");
        service.getConfig("app");
        Object inode = Files.readAttributes(snapshotFile("app"), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        service.getConfig("app");
        assertEquals(inode, Files.readAttributes(snapshotFile("app"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "rewritten although unchanged");
        Files.writeString(snapshotFile("app"), "edited behind the client's back");
        service.getConfig("app");
        assertEquals("v", Files.readString(snapshotFile("app")));
        Files.delete(snapshotFile("app"));
        service.getConfig("app");
        assertEquals("v", Files.readString(snapshotFile("app")));
    }

    @Test
    void snapshotServedWhenAllServersDown() throws Exception {
        write(snapshotFile("app"), "last good");
        ConfigItem item = service.getConfigItem("app", null, null, false);
        assertEquals("last good", item.content());
        assertEquals(ConfigItem.Source.SNAPSHOT, item.source());
        assertEquals(1, transport.requests.size());
    }

    @Test
    void notFoundDeletesSnapshot() throws Exception {
        write(snapshotFile("app"), "stale");
        serverAnswers(404, "config data not exist\n");
        assertThrows(NotFoundException.class, () -> service.getConfig("app", null));
        assertFalse(Files.exists(snapshotFile("app")));
    }

    @Test
    void noSnapshotRefusesTheSnapshot() throws Exception {
        write(snapshotFile("app"), "last good");
        ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                () -> service.getConfigItem("app", null, null, true));
        assertTrue(e.getMessage().contains("snapshots are off"), e.getMessage());
        assertEquals(List.of(ScriptedTransport.SERVER), e.serversTried());
    }

    @Test
    void nothingAvailableIsAnExceptionNeverNull() {
        ServerUnavailableException e = assertThrows(ServerUnavailableException.class, () -> service.getConfig("app"));
        assertTrue(e.getMessage().contains("no local snapshot"), e.getMessage());
    }

    @Test
    void asyncReadCompletesWithTheSameExceptionTypes() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> service.getConfigAsync("app", null).join());
        assertTrue(e.getCause() instanceof ServerUnavailableException, String.valueOf(e.getCause()));
        CompletionException bad = assertThrows(CompletionException.class,
                () -> service.getConfigAsync("a/b", null).join());
        assertTrue(bad.getCause() instanceof InvalidArgumentException);
    }

    @Test
    void goneRouteIsNeverMissingAndKeepsTheSnapshot() throws Exception {
        write(snapshotFile("app"), "kept");
        serverAnswers(410, "{\"code\":40000,\"message\":\"Current API will be deprecated\"}");
        assertThrows(OperationNotSupportedException.class, () -> service.getConfig("app"));
        assertTrue(transport.generationChanges > 0, "the transport must be told to probe again");
        assertTrue(Files.exists(snapshotFile("app")));

        serverAnswers(404, "{\"message\":\"No endpoint GET /nacos/v1/cs/configs.\"}");
        assertThrows(ServerErrorException.class, () -> service.getConfig("app"));
        assertTrue(Files.exists(snapshotFile("app")), "a 404 on a missing route must not delete the snapshot");
    }

    @Test
    void v3OnlyServersAreReadThroughTheClientApi() {
        transport.generation = ServerGeneration.V3_ONLY;
        transport.handler = r -> CompletableFuture.completedFuture(r.path().startsWith("/v1/")
                ? ScriptedTransport.answer(404, "{\"message\":\"No endpoint GET /nacos" + r.path() + ".\"}")
                : ScriptedTransport.answer(200, r.query().get("dataId").equals("missing")
                        ? "{\"code\":20004,\"message\":\"resource not found\",\"data\":null}"
                        : "{\"code\":0,\"message\":\"success\",\"data\":{\"resultCode\":200,\"content\":\"a=1\\nb=2\\n\","
                                + "\"contentType\":\"properties\",\"md5\":\"f1767ed2543a1c497682179be466c287\"}}"));
        ConfigItem item = service.getConfigItem("app", null, null, false);
        assertEquals("a=1\nb=2\n", item.content());
        assertEquals("f1767ed2543a1c497682179be466c287", item.md5());
        assertEquals("properties", item.type());
        assertThrows(NotFoundException.class, () -> service.getConfig("missing"));
        assertEquals("/v1/cs/configs", transport.requests.get(0).path(), "the v1 client API is tried first");
        assertEquals(1, transport.generationChanges, "the transport is told once; the v3 route is then kept");
        assertEquals(3, transport.requests.size(), transport.requests.toString());
        NacosRequest sent = transport.requests.get(1);
        assertEquals("/v3/client/cs/config", sent.path());
        assertEquals(Map.of("dataId", "app", "groupName", "DEFAULT_GROUP"), sent.query());
    }

    @Test
    void publishSendsTheFormAndTheCasHeader() {
        serverAnswers(200, "true");
        service.publishConfig("app", "G1", "a=1", "properties", "F1767ED2543A1C497682179BE466C287");
        NacosRequest sent = transport.requests.get(0);
        assertEquals(NacosRequest.Method.POST, sent.method());
        assertEquals(Map.of("dataId", "app", "group", "G1", "content", "a=1", "type", "properties"), sent.form());
        assertEquals("f1767ed2543a1c497682179be466c287", sent.headers().get("casMd5"));
        assertEquals("G1", sent.signResource());
    }

    @Test
    void casMismatchIsAConflictAsCaptured() {
        // 2.5.1 answer, as the transport returns it
        serverAnswers(500, "caused: Cas publish fail, server md5 may have changed.;");
        assertThrows(ConflictException.class, () -> service.publishConfig("app", null, "x", null, "0".repeat(32)));
        // 3.0.3 answer after the transport failed over on it (HTTP 500 is a failover status)
        transport.handler = r -> CompletableFuture.failedFuture(new ServerUnavailableException(
                "POST /v1/cs/configs failed on every server; last: 127.0.0.1:8848: HTTP 500 false",
                List.of(ScriptedTransport.SERVER), null));
        assertThrows(ConflictException.class, () -> service.publishConfig("app", null, "x", null, "0".repeat(32)));
        // without casMd5 the same failure stays "unavailable"
        assertThrows(ServerUnavailableException.class, () -> service.publishConfig("app", null, "x"));
    }

    @Test
    void removeSendsADelete() {
        serverAnswers(200, "true");
        service.removeConfig("app", null);
        NacosRequest sent = transport.requests.get(0);
        assertEquals(NacosRequest.Method.DELETE, sent.method());
        assertEquals(Map.of("dataId", "app", "group", "DEFAULT_GROUP"), sent.query());
    }

    @Test
    void namespacedClientSendsTheTenant() {
        runtime.close();
        runtime = new FakeRuntime(options().namespace("dev-ns").build(), transport);
        service = new HttpConfigService(runtime);
        serverAnswers(200, "x");
        service.getConfig("app");
        assertEquals("dev-ns", transport.requests.get(0).query().get("tenant"));
        assertEquals("dev-ns+DEFAULT_GROUP", transport.requests.get(0).signResource());
        assertTrue(Files.exists(dir.resolve("snapshot").resolve("dev-ns").resolve("DEFAULT_GROUP").resolve("app")));
    }

    @Test
    void v3OnlyWritesNeedCredentialsAndSendNothingWithout() {
        transport.generation = ServerGeneration.V3_ONLY;
        transport.handler = r -> CompletableFuture.completedFuture(
                ScriptedTransport.answer(404, "{\"message\":\"No endpoint " + r.method() + " /nacos" + r.path() + ".\"}"));
        OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
                () -> service.publishConfig("app", null, "x"));
        assertTrue(e.getMessage().contains("username and password"), e.getMessage());
        assertThrows(OperationNotSupportedException.class, () -> service.removeConfig("app", null));
        assertTrue(transport.requests.stream().noneMatch(r -> r.path().startsWith("/v3/admin")),
                "no admin call without credentials: " + transport.requests);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        serverAnswers(200, "true");
        assertArgument("dataId", () -> service.getConfig(null));
        assertArgument("dataId", () -> service.getConfig(""));
        assertArgument("dataId", () -> service.getConfig("../etc"));
        assertArgument("dataId", () -> service.getConfig("/etc/passwd"));
        assertArgument("dataId", () -> service.getConfig("a\u0000b"));
        assertArgument("dataId", () -> service.getConfig("a b"));
        assertArgument("dataId", () -> service.getConfig(".."));
        assertArgument("dataId", () -> service.getConfig("d".repeat(257)));
        assertArgument("dataId", () -> service.getConfig("\u914d\u7f6e"));
        assertArgument("group", () -> service.getConfig("app", "a/b"));
        assertArgument("group", () -> service.getConfig("app", "."));
        assertArgument("timeout", () -> service.getConfigItem("app", null, java.time.Duration.ZERO, false));
        assertArgument("content", () -> service.publishConfig("app", null, null));
        assertArgument("content", () -> service.publishConfig("app", null, ""));
        assertArgument("content", () -> service.publishConfig("app", null, "   \n"));
        assertArgument("content", () -> service.publishConfig("app", null, "\u00e9".repeat(800_000)));
        assertArgument("type", () -> service.publishConfig("app", null, "x", "a b", null));
        assertArgument("casMd5", () -> service.publishConfig("app", null, "x", null, "abc"));
        assertArgument("dataId", () -> service.removeConfig("a+b", null));
        assertArgument("dataId", () -> service.addConfigWatcher("a/b", null, e -> { }));
        assertArgument("listeners", () -> service.addConfigWatchers("app", null, java.util.Arrays.asList(e -> { }, null)));
        assertArgument("listener", () -> service.removeConfigWatcher("app", null, null, false));
        CompletionException async = assertThrows(CompletionException.class,
                () -> service.publishConfigAsync("app", null, null, null, null).join());
        assertEquals("content", ((InvalidArgumentException) async.getCause()).argument());
        assertTrue(transport.requests.isEmpty(), "nothing may be sent for bad input: " + transport.requests);
        assertFalse(Files.exists(dir.resolve("snapshot")), "no file may be written for bad input");
        assertFalse(Files.exists(dir.resolve("etc")));
    }

    @Test
    void largestContentTheServerTakesIsSent() {
        serverAnswers(200, "true");
        service.publishConfig("app", null, "y".repeat(2_000_000));
        assertEquals(1, transport.requests.size());
    }

    static void assertArgument(String argument, Runnable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call::run);
        assertEquals(argument, e.argument(), e.getMessage());
    }
}
