package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/**
 * A client with a password, an AK/SK pair, a log file, the debug console and every log level on, driven through
 * logins, refused (expired) tokens, failover, errors and a wrong password: no password, token, secret key or config
 * signature appears in any log record, the log file, the console, any exception message, or any URL the server
 * received. (Naming AK/SK signatures are URL parameters by protocol: they are checked to stay out of logs and
 * messages; see docs/reliability.md.)
 */
class SecretLeakTest {
    private static final String USER = "nacos";
    private static final String PASSWORD = "Pa55-word-LEAK-CHECK";
    private static final String SECRET_KEY = "SK-secret-LEAK-CHECK";

    @TempDir
    Path dir;

    @Test
    void noSecretInLogsMessagesOrUrls() throws Exception {
        List<String> messages = new ArrayList<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        Path logDir = dir.resolve("logs");
        try (LogCapture logs = LogCapture.start();
                NacosTestServer server = Servers.quick().auth(USER, PASSWORD).tokenTtl(Duration.ofSeconds(1)).start();
                NacosTestServer failing = Servers.start();
                FaultyProxy proxy = FaultyProxy.to(server.port())) {
            failing.fault("*", "/", Fault.status(503, "unavailable"));
            // the client believes tokens last an hour; the server expires them after 1 s: refusals and re-logins
            proxy.rewrite("POST", "/v1/auth/login", a -> new FaultyProxy.Answer(a.status, a.contentType,
                    a.body.replaceAll("\"tokenTtl\":\\d+", "\"tokenTtl\":3600")));
            server.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            ClientOptions options = Clients.options(dir, failing.serverAddr(), proxy.address())
                    .username(USER).password(PASSWORD).accessKey("AK-visible").secretKey(SECRET_KEY)
                    .logLevel(Level.ALL).logDir(logDir).debug(true).build();
            assertFalse(options.toString().contains(PASSWORD) || options.toString().contains(SECRET_KEY),
                    options.toString());
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            try (NacosClient client = Clients.create(options.toBuilder())) {
                Recorder watcher = new Recorder();
                client.config().addConfigWatcher("k", null, watcher);
                Recorder subscriber = new Recorder();
                client.naming().subscribe(subscriber, ServiceQuery.of("svc"), Duration.ofMillis(200));
                Instance instance = Instance.builder("svc", "10.0.0.1", 1).build();
                client.naming().addNamingInstance(instance, Duration.ofMillis(300));
                long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                for (int i = 0; System.nanoTime() < end; i++) {
                    assertEquals(i == 0 ? "v1" : "v" + (i + 1), client.config().getConfig("k"));
                    client.config().publishConfig("k", null, "v" + (i + 2));
                    client.naming().listNamingInstance("svc");
                    client.naming().sendHeartbeat(instance);
                    messages.add(message(assertThrows(NotFoundException.class,
                            () -> client.config().getConfigItem("missing", null, Duration.ofSeconds(2), true))));
                    messages.add(message(assertThrows(ConflictException.class,
                            () -> client.config().publishConfig("k", null, "x", null, "0".repeat(32)))));
                }
                Await.until("watcher events", Duration.ofSeconds(10), () -> watcher.contents().size() > 1);
            }
            ClientOptions wrong = Clients.options(dir.resolve("wrong"), proxy.address()).username(USER)
                    .password(PASSWORD + "-wrong").logLevel(Level.ALL).build();
            try (NacosClient client = NacosClients.create(wrong)) {
                messages.add(message(assertThrows(AuthException.class, () -> client.config().getConfig("k"))));
            }
            System.setErr(originalErr);

            Set<String> secrets = new LinkedHashSet<>(List.of(PASSWORD, PASSWORD + "-wrong", SECRET_KEY));
            Set<String> configSignatures = new LinkedHashSet<>();
            Set<String> namingSignatures = new LinkedHashSet<>();
            for (RecordedRequest r : server.requests()) {
                r.header("Authorization").filter(h -> h.startsWith("Bearer ")).ifPresent(h -> secrets.add(h.substring(7)));
                r.param("accessToken").ifPresent(secrets::add);
                r.header("Spas-Signature").ifPresent(configSignatures::add);
                r.param("signature").ifPresent(namingSignatures::add);
            }
            long tokens = secrets.size() - 3;
            assertTrue(tokens >= 3, "several tokens were issued and used: " + tokens);
            assertTrue(!configSignatures.isEmpty() && !namingSignatures.isEmpty(), "requests were signed");

            List<String> records = logs.records().stream()
                    .filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("org.nacosgi")
                            && !r.getLoggerName().startsWith("org.nacosgi.testkit"))
                    .map(LogCapture::text).collect(Collectors.toList());
            String file;
            try (Stream<Path> files = Files.list(logDir)) {
                file = files.filter(p -> p.getFileName().toString().endsWith(".log")).map(SecretLeakTest::read)
                        .collect(Collectors.joining("\n"));
            }
            String stderr = console.toString(StandardCharsets.UTF_8);
            assertTrue(records.size() > 20 && file.length() > 1000 && stderr.length() > 1000,
                    "something was logged: " + records.size() + " records, " + file.length() + " + "
                            + stderr.length() + " chars");
            assertTrue(records.stream().anyMatch(t -> t.startsWith("FINE") || t.startsWith("FINER")),
                    "debug and trace records were captured");
            Set<String> all = new LinkedHashSet<>(secrets);
            all.addAll(configSignatures);
            all.addAll(namingSignatures);
            for (String secret : all) {
                assertNoLeak(secret, "log records", String.join("\n", records));
                assertNoLeak(secret, "log file", file);
                assertNoLeak(secret, "console", stderr);
                assertNoLeak(secret, "exception messages", String.join("\n", messages));
            }
            Set<String> inUrls = new LinkedHashSet<>(secrets);
            inUrls.addAll(configSignatures);
            for (NacosTestServer s : List.of(server, failing)) {
                for (RecordedRequest r : s.requests()) {
                    String url = r.path() + " " + r.query();
                    for (String secret : inUrls) {
                        assertNoLeak(secret, "URL " + r.method() + " " + r.path(), url);
                        assertNoLeak(secret, "URL " + r.method() + " " + r.path(),
                                URLDecoder.decode(url, StandardCharsets.UTF_8));
                    }
                    assertFalse(r.query().containsKey("password") || r.query().containsKey("accessToken"),
                            r.toString());
                }
            }
            System.out.println("[reliability] secrets: " + records.size() + " log records (ALL levels), "
                    + file.length() + " chars of log file, " + stderr.length() + " chars of debug console, "
                    + messages.size() + " exception messages, " + server.requests().size() + " URLs checked for "
                    + tokens + " tokens, 2 passwords, 1 secret key, " + configSignatures.size() + " config and "
                    + namingSignatures.size() + " naming signatures");
        } finally {
            System.setErr(originalErr);
        }
    }

    private static void assertNoLeak(String secret, String where, String text) {
        assertFalse(text.contains(secret), "a secret (" + secret.length() + " chars, starting "
                + secret.substring(0, Math.min(4, secret.length())) + ") appears in " + where);
    }

    /** Message, toString and stack trace with causes and suppressed: everything a caller might print. */
    private static String message(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return e + "\n" + w;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
