package org.nacosgi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.nacosgi.cli.CliProcess.Result;
import org.nacosgi.testkit.NacosTestServer;

/** Drives the real jar as a process against a testkit server: outputs, JSON and the documented exit codes. */
class CliIT {
    private static NacosTestServer nacos;
    private static String server;

    @BeforeAll
    static void startServer() {
        // what one command wrote is readable by the next at once
        nacos = NacosTestServer.builder().dumpDelay(Duration.ZERO).listDelay(Duration.ZERO).start();
        server = nacos.serverAddr();
    }

    @AfterAll
    static void stopServer() {
        nacos.close();
    }

    private static String id(TestInfo info) {
        return "cli-" + info.getTestMethod().orElseThrow().getName();
    }

    @Test
    void publishedContentIsPrintedByGet(TestInfo info) throws Exception {
        String id = id(info) + ".properties";
        Result publish = CliProcess.run("--server-addr", server, "config", "publish", id, "--type", "properties",
                "--content", "a=1\nb=2");
        assertEquals(0, publish.exitCode, publish::toString);
        assertEquals("published " + id + " (DEFAULT_GROUP, 7 bytes)\n", publish.stdout);
        assertEquals("a=1\nb=2", nacos.config("", "DEFAULT_GROUP", id).orElseThrow());

        Result get = CliProcess.run("config", "get", id, "--server-addr", server);
        assertEquals(0, get.exitCode, get::toString);
        assertEquals("a=1\nb=2", get.stdout);
        assertEquals("", get.stderr);
    }

    @Test
    void serverAddressComesFromTheEnvironmentWhenNotGiven(TestInfo info) throws Exception {
        nacos.putConfig("", "G1", id(info), "from env", "text");
        Result get = CliProcess.run(Map.of("NACOS_SERVER_ADDR", server), null, "config", "get", id(info), "--group", "G1");
        assertEquals(0, get.exitCode, get::toString);
        assertEquals("from env", get.stdout);
    }

    @Test
    void contentCanComeFromAFileOrStandardInput(TestInfo info) throws Exception {
        Path file = Paths.get(System.getProperty("cli.work", "target/cli-work")).resolve(id(info) + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"k\":\"ü\"}", StandardCharsets.UTF_8);
        Result fromFile = CliProcess.run("--server-addr", server, "config", "publish", id(info) + ".json",
                "--file", file.toString(), "--type", "json");
        assertEquals(0, fromFile.exitCode, fromFile::toString);
        assertEquals("{\"k\":\"ü\"}", nacos.config("", "DEFAULT_GROUP", id(info) + ".json").orElseThrow());

        Result fromStdin = CliProcess.run(Map.of(), "piped text", "--server-addr", server, "config", "publish",
                id(info) + ".txt", "-");
        assertEquals(0, fromStdin.exitCode, fromStdin::toString);
        assertEquals("piped text", nacos.config("", "DEFAULT_GROUP", id(info) + ".txt").orElseThrow());
    }

    @Test
    void missingConfigExitsOneWithOneErrorLine(TestInfo info) throws Exception {
        Result get = CliProcess.run("--server-addr", server, "config", "get", id(info));
        assertEquals(ExitCode.NOT_FOUND, get.exitCode, get::toString);
        assertEquals("", get.stdout);
        assertEquals(1, get.stderrLines().size(), get::toString);
        assertTrue(get.stderr.startsWith("nacosgi: ") && get.stderr.contains(id(info)), get::toString);
    }

    @Test
    void removedConfigIsGone(TestInfo info) throws Exception {
        nacos.putConfig("", "DEFAULT_GROUP", id(info), "x", "text");
        Result remove = CliProcess.run("--server-addr", server, "config", "remove", id(info));
        assertEquals(0, remove.exitCode, remove::toString);
        assertFalse(nacos.config("", "DEFAULT_GROUP", id(info)).isPresent());
        assertEquals(ExitCode.NOT_FOUND, CliProcess.run("--server-addr", server, "config", "get", id(info)).exitCode);
    }

    @Test
    void unreachableServerExitsThree() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Result get = CliProcess.run("--server-addr", "127.0.0.1:" + closedPort, "config", "get", "any");
        assertEquals(ExitCode.UNREACHABLE, get.exitCode, get::toString);
        assertEquals(1, get.stderrLines().size(), get::toString);
        assertTrue(get.stderr.contains("127.0.0.1:" + closedPort), get::toString);

        Result list = CliProcess.run("--server-addr", "127.0.0.1:" + closedPort, "naming", "list", "any");
        assertEquals(ExitCode.UNREACHABLE, list.exitCode, list::toString);
    }

    @Test
    void badArgumentsExitTwoWithoutContactingTheServer() throws Exception {
        nacos.clearRequests();
        List<String[]> bad = List.of(
                new String[] {"--server-addr", server},
                new String[] {"--server-addr", server, "config"},
                new String[] {"--server-addr", server, "config", "publish", "x"},
                new String[] {"--server-addr", server, "config", "publish", "x", "--content", "a", "--file", "f"},
                new String[] {"--server-addr", server, "config", "get"},
                new String[] {"--server-addr", server, "config", "get", "bad/id"},
                new String[] {"--server-addr", server, "--timeout", "soon", "config", "get", "x"},
                new String[] {"--server-addr", server, "naming", "register", "svc", "1.2.3.4", "not-a-port"},
                new String[] {"--server-addr", server, "naming", "register", "svc", "1.2.3.4", "80", "--metadata", "k"},
                new String[] {"--server-addr", server, "naming", "modify", "svc", "1.2.3.4", "80"},
                new String[] {"--server-addr", server, "no-such-command"},
                new String[] {"--password", "secret", "--server-addr", server, "config", "get", "x"},
                new String[] {"config", "get", "x"});
        for (String[] args : bad) {
            Result r = CliProcess.run(args);
            assertEquals(ExitCode.USAGE, r.exitCode, () -> String.join(" ", args) + "\n" + r);
            assertEquals(1, r.stderrLines().size(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.stderr.startsWith("nacosgi: "), r::toString);
            assertFalse(r.stderr.contains("secret"), r::toString);
        }
        assertEquals(List.of(), nacos.requests(), "requests sent for arguments refused locally");
    }

    @Test
    void watchPrintsOneJsonLinePerEvent(TestInfo info) throws Exception {
        nacos.putConfig("", "DEFAULT_GROUP", id(info), "v1", "text");
        try (CliProcess watch = CliProcess.start(Map.of(), null, "--server-addr", server, "config", "watch", id(info),
                "--max-events", "2")) {
            JsonObject first = json(watch.nextLine(Timing.seconds(60)));
            assertEquals("CHANGED", first.getString("type"));
            assertEquals("v1", first.getString("content"));
            Result publish = CliProcess.run("--server-addr", server, "config", "publish", id(info), "--content", "v2");
            assertEquals(0, publish.exitCode, publish::toString);
            JsonObject second = json(watch.nextLine(Timing.seconds(60)));
            assertEquals("v2", second.getString("content"));
            assertEquals(id(info), second.getString("dataId"));
            assertEquals("DEFAULT_GROUP", second.getString("group"));
            Result done = watch.await(Timing.seconds(30));
            assertEquals(0, done.exitCode, done::toString);
            assertEquals(2, done.stdout.split("\n").length, done::toString);
        }
    }

    @Test
    void persistentInstanceIsListedModifiedAndDeregistered(TestInfo info) throws Exception {
        String svc = id(info);
        Result register = CliProcess.run("--server-addr", server, "naming", "register", svc, "10.1.2.3", "8080",
                "--persistent", "--cluster", "c1", "--weight", "3", "--metadata", "zone=a,version=7");
        assertEquals(0, register.exitCode, register::toString);

        Result list = CliProcess.run("--server-addr", server, "naming", "list", svc);
        assertEquals(0, list.exitCode, list::toString);
        JsonArray hosts = json(list.stdout).getJsonArray("hosts");
        assertEquals(1, hosts.size(), list::toString);
        assertEquals("10.1.2.3", hosts.getJsonObject(0).getString("ip"));
        assertFalse(hosts.getJsonObject(0).getBoolean("ephemeral"));

        Result get = CliProcess.run("--server-addr", server, "naming", "get", svc, "10.1.2.3", "8080", "--cluster", "c1");
        assertEquals(0, get.exitCode, get::toString);
        JsonObject instance = json(get.stdout);
        assertEquals(8080, instance.getInt("port"));
        assertEquals("c1", instance.getString("cluster"));
        assertEquals(3.0, instance.getJsonNumber("weight").doubleValue());
        assertEquals("7", instance.getJsonObject("metadata").getString("version"));

        Result modify = CliProcess.run("--server-addr", server, "naming", "modify", svc, "10.1.2.3", "8080",
                "--cluster", "c1", "--persistent", "--weight", "5", "--enabled", "false");
        assertEquals(0, modify.exitCode, modify::toString);
        JsonObject modified = json(CliProcess.run("--server-addr", server, "naming", "get", svc, "10.1.2.3", "8080",
                "--cluster", "c1").stdout);
        assertEquals(5.0, modified.getJsonNumber("weight").doubleValue());
        // the detail API does not report the enabled flag: ask the server double itself
        assertFalse(nacos.instances("", svc).get(0).enabled(), "disabled on the server");
        assertEquals("a", modified.getJsonObject("metadata").getString("zone"), "modify keeps the metadata");

        Result deregister = CliProcess.run("--server-addr", server, "naming", "deregister", svc, "10.1.2.3", "8080",
                "--cluster", "c1", "--persistent");
        assertEquals(0, deregister.exitCode, deregister::toString);
        Result gone = CliProcess.run("--server-addr", server, "naming", "get", svc, "10.1.2.3", "8080", "--cluster", "c1");
        assertEquals(ExitCode.NOT_FOUND, gone.exitCode, gone::toString);
        assertEquals(1, gone.stderrLines().size(), gone::toString);
    }

    @Test
    void ephemeralInstanceLivesUntilTheCommandIsInterrupted(TestInfo info) throws Exception {
        String svc = id(info);
        try (CliProcess register = CliProcess.start(Map.of(), null, "--server-addr", server, "naming", "register",
                svc, "10.9.9.9", "9090")) {
            assertTrue(register.nextLine(Timing.seconds(60)).startsWith("registered " + svc), "registered line");
            assertEquals(1, nacos.instances("", svc).size());

            try (CliProcess subscribe = CliProcess.start(Map.of(), null, "--server-addr", server, "naming",
                    "subscribe", svc, "--max-events", "1")) {
                JsonObject event = json(subscribe.nextLine(Timing.seconds(60)));
                assertEquals(svc, event.getString("service"));
                assertEquals("10.9.9.9", event.getJsonArray("instances").getJsonObject(0).getString("ip"));
                assertEquals(0, subscribe.await(Timing.seconds(30)).exitCode);
            }

            register.terminate(Timing.seconds(30));
        }
        assertEquals(List.of(), nacos.instances("", svc), "the interrupted command deregistered its instance");
    }

    @Test
    void refusedCredentialsExitFour() throws Exception {
        try (NacosTestServer secured = NacosTestServer.builder().auth("nacos", "right-password").start()) {
            Result wrong = CliProcess.run(Map.of("NACOS_PASSWORD", "wrong-password"), null, "--server-addr",
                    secured.serverAddr(), "--username", "nacos", "config", "get", "x");
            assertEquals(ExitCode.AUTH, wrong.exitCode, wrong::toString);
            assertEquals(1, wrong.stderrLines().size(), wrong::toString);
            assertFalse(wrong.stderr.contains("wrong-password"), wrong::toString);

            secured.putConfig("", "DEFAULT_GROUP", "x", "secret-content", "text");
            Result right = CliProcess.run(Map.of("NACOS_PASSWORD", "right-password"), null, "--server-addr",
                    secured.serverAddr(), "--username", "nacos", "config", "get", "x");
            assertEquals(0, right.exitCode, right::toString);
            assertEquals("secret-content", right.stdout);
        }
    }

    @Test
    void serverCommandServesClients() throws Exception {
        try (CliProcess serverProcess = CliProcess.start(Map.of(), null, "server", "--port", "0")) {
            String line = serverProcess.nextLine(Timing.seconds(60));
            Matcher m = Pattern.compile("listening on (127\\.0\\.0\\.1:\\d+)").matcher(line);
            assertTrue(m.find(), line);
            Result publish = CliProcess.run("--server-addr", m.group(1), "config", "publish", "via-server-command",
                    "--content", "ok");
            assertEquals(0, publish.exitCode, publish::toString);
            serverProcess.terminate(Timing.seconds(30));
        }
    }

    @Test
    void demoWalksThroughConfigAndNamingAndExitsZero() throws Exception {
        Result demo = CliProcess.run("demo");
        assertEquals(0, demo.exitCode, demo::toString);
        assertTrue(demo.stdout.contains("watcher saw CHANGED: greeting=hello again"), demo::toString);
        assertTrue(demo.stdout.contains("subscriber saw added 127.0.0.1:18080"), demo::toString);
        assertTrue(demo.stdout.contains("subscriber saw removed 127.0.0.1:18080"), demo::toString);
        assertTrue(demo.stdout.endsWith("all worked.\n"), demo::toString);
    }

    private static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }
}
