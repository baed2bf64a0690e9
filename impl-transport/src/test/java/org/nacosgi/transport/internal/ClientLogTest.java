package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nacosgi.transport.internal.TestServer.reply;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

class ClientLogTest {
    @TempDir
    Path dir;

    private static String readAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : files.filter(p -> p.toString().endsWith(".log")).sorted().collect(Collectors.toList())) {
                sb.append(Files.readString(p, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
    }

    @Test
    void noSecretIsEverLoggedAtTrace() throws Exception {
        String password = "pw-Zq81-very-secret";
        String secretKey = "sk-Jm42-very-secret";
        Set<String> secrets = ConcurrentHashMap.newKeySet();
        secrets.add(password);
        secrets.add(secretKey);
        List<String> tokens = List.of("tok-AAAA-1111", "tok-BBBB-2222");
        secrets.addAll(tokens);
        try (TestServer down = TestServer.start().fallback(r -> reply(503, "down"));
                TestServer s = TestServer.start()) {
            int[] n = {0};
            s.route("POST", "/nacos/v1/auth/login",
                    r -> reply(200, "{\"accessToken\":\"" + tokens.get(Math.min(n[0]++, 1)) + "\",\"tokenTtl\":18000}"));
            s.fallback(r -> {
                // keep every signature the client sent, to look for it in the log
                if (r.header("Spas-Signature") != null) {
                    secrets.add(r.header("Spas-Signature"));
                }
                if (r.query().get("signature") != null) {
                    secrets.add(r.query().get("signature"));
                }
                String bearer = r.header("Authorization");
                String token = bearer != null && bearer.startsWith("Bearer ") ? bearer.substring(7)
                        : r.query().getOrDefault("accessToken", r.form().get("accessToken"));
                return tokens.get(0).equals(token) ? reply(403, "{\"message\":\"token expired!\"}") : reply(200, "ok");
            });
            ClientOptions options = ClientOptions.builder().serverAddr(down.address() + "," + s.address())
                    .username("nacos").password(password).accessKey("AK-id").secretKey(secretKey)
                    .logLevel(Level.TRACE).logDir(dir).clientName("secrets").build();
            try (ClientRuntime rt = new HttpRuntimeFactory().create(options)) {
                for (int i = 0; i < 3; i++) {
                    rt.transport().send(NacosRequest.get("/v1/cs/configs").query("dataId", "d")
                            .sign(NacosRequest.Signing.CONFIG, "ns1+g1").build());
                    rt.transport().send(NacosRequest.post("/v1/ns/instance").form("ip", "1.1.1.1")
                            .sign(NacosRequest.Signing.NAMING, "DEFAULT_GROUP@@svc").build());
                }
                rt.logger(ClientLogTest.class).log(Level.TRACE, "options: {0}", rt.options());
            }
        }
        String log = readAll(dir);
        assertTrue(log.contains("logged in as 'nacos'"), log);
        assertTrue(log.contains("POST /v1/ns/instance -> HTTP 200"), log);
        assertTrue(log.contains("FINER"), "TRACE records are written");
        assertTrue(secrets.size() > 4, "signatures were seen: " + secrets.size());
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "the log holds a secret: " + secret);
        }
    }

    @Test
    void filtersByLevelAndRotatesFiles() throws Exception {
        ClientOptions options = ClientOptions.builder().serverAddr("127.0.0.1:1").logLevel(Level.INFO).logDir(dir)
                .logFileSize(2048).logRotationCount(3).clientName("rot").build();
        try (ClientRuntime rt = new HttpRuntimeFactory().create(options)) {
            System.Logger log = rt.logger(ClientLogTest.class);
            assertFalse(log.isLoggable(Level.DEBUG));
            assertTrue(log.isLoggable(Level.INFO));
            log.log(Level.DEBUG, "hidden-debug-record");
            for (int i = 0; i < 200; i++) {
                log.log(Level.INFO, "record number {0} with some padding to fill the file", i);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("nacosgi-rot.")).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(List.of("nacosgi-rot.0.log", "nacosgi-rot.1.log", "nacosgi-rot.2.log"),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        for (Path f : files) {
            assertTrue(Files.size(f) <= 2048 + 200, f + " " + Files.size(f));
        }
        String all = readAll(dir);
        assertFalse(all.contains("hidden-debug-record"));
        assertTrue(all.contains("record number 199"));
    }

    @Test
    void debugLogsDetailsWhateverTheLevel() {
        ClientLog log = new ClientLog(ClientOptions.builder().serverAddr("h").logLevel(Level.ERROR).debug(true).build());
        assertTrue(log.accepts(Level.DEBUG));
        assertFalse(log.accepts(Level.TRACE));
        assertFalse(log.forwards(Level.WARNING), "the platform logger still gets only ERROR and above");
        log.close();
        ClientLog off = new ClientLog(ClientOptions.builder().serverAddr("h").logLevel(Level.OFF).build());
        assertFalse(off.accepts(Level.ERROR));
        off.close();
    }

    @Test
    void anUnusableLogDirNamesTheOption() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new HttpRuntimeFactory()
                .create(ClientOptions.builder().serverAddr("h").logDir(file.resolve("sub")).clientName("bad").build()));
        assertEquals(ClientOptions.LOG_DIR, e.argument());
        // nothing left running
        assertTrue(Timing.await(java.time.Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("nacosgi-bad-"))));
    }

    @Test
    void plainHttpToARemoteHostAndTurnedOffTlsVerificationAreWarnedOnce() throws Exception {
        Path remote = dir.resolve("remote");
        new HttpRuntimeFactory().create(ClientOptions.builder().serverAddr("10.255.255.1,10.255.255.2")
                .logDir(remote).clientName("warn1").build()).close();
        String log = readAll(remote);
        assertEquals(1, log.split("plain http", -1).length - 1, log);
        assertTrue(log.contains("WARNING"), log);

        Path local = dir.resolve("local");
        new HttpRuntimeFactory().create(ClientOptions.builder().serverAddr("127.0.0.1,localhost,https://10.0.0.1")
                .tlsVerify(false).logDir(local).clientName("warn2").build()).close();
        String localLog = readAll(local);
        assertFalse(localLog.contains("plain http"), localLog);
        assertTrue(localLog.contains("verification is OFF"), localLog);
    }
}
