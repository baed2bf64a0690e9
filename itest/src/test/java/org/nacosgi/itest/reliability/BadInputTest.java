package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Every bad input of the table in docs/reliability.md: each call fails with an {@link InvalidArgumentException}
 * naming the argument, and nothing reaches the server (its request log stays empty). The test prints the table
 * rows it checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String LONG_257 = "a".repeat(257);
    private static final ConfigListener LISTENER = e -> { };

    private NacosTestServer server;
    private NacosClient client;
    private final List<String> table = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start(@TempDir Path dir) {
        server = Servers.start();
        client = Clients.create(Clients.options(dir, server.serverAddr()));
        client.config();
        client.naming();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
        System.out.println("[reliability] bad input table:\n" + String.join("\n", table));
    }

    /** One row: what is passed, the call, the argument the exception must name. */
    private DynamicTest row(String input, String argument, Consumer<NacosClient> call) {
        return DynamicTest.dynamicTest(input, () -> {
            server.clearRequests();
            try {
                try {
                    call.accept(client);
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause(); // async calls fail their future with the same exception
                }
                fail(input + ": accepted");
            } catch (InvalidArgumentException e) {
                assertEquals(argument, e.argument(), input + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith(argument + ": "), e.getMessage());
                assertTrue(e.getMessage().length() < 600, "message stays readable: " + e.getMessage().length());
                table.add("| " + input.replace("|", "\\|") + " | `InvalidArgumentException` `" + argument + "`: "
                        + e.getMessage().substring(argument.length() + 2).replace("|", "\\|").replace("\u0000", "\\0")
                        + " |");
            }
            assertEquals(List.of(), server.requests(), input + ": nothing may be sent");
        });
    }

    private static Instance.Builder instance() {
        return Instance.builder("svc", "10.0.0.1", 8080);
    }

    @TestFactory
    Stream<DynamicTest> config() {
        return Stream.of(
                row("getConfig: dataId null", "dataId", c -> c.config().getConfig(null, "g")),
                row("getConfig: dataId empty", "dataId", c -> c.config().getConfig("", "g")),
                row("getConfig: dataId with a space", "dataId", c -> c.config().getConfig("a b", "g")),
                row("getConfig: dataId `../../etc/passwd`", "dataId", c -> c.config().getConfig("../../etc/passwd")),
                row("getConfig: dataId `..`", "dataId", c -> c.config().getConfig("..")),
                row("getConfig: dataId `.`", "dataId", c -> c.config().getConfig(".")),
                row("getConfig: dataId `/etc/passwd` (absolute)", "dataId", c -> c.config().getConfig("/etc/passwd")),
                row("getConfig: dataId `C:\\x` (Windows path)", "dataId", c -> c.config().getConfig("C:\\x")),
                row("getConfig: dataId with NUL", "dataId", c -> c.config().getConfig("a\u0000b")),
                row("getConfig: dataId of 257 characters", "dataId", c -> c.config().getConfig(LONG_257)),
                row("getConfig: group `../x`", "group", c -> c.config().getConfig("k", "../x")),
                row("getConfig: group of 257 characters", "group", c -> c.config().getConfig("k", LONG_257)),
                row("getConfigItem: timeout zero", "timeout",
                        c -> c.config().getConfigItem("k", null, Duration.ZERO, false)),
                row("getConfigItem: timeout negative", "timeout",
                        c -> c.config().getConfigItem("k", null, Duration.ofSeconds(-1), false)),
                row("publishConfig: content null", "content", c -> c.config().publishConfig("k", null, null)),
                row("publishConfig: content empty", "content", c -> c.config().publishConfig("k", null, "")),
                row("publishConfig: content blank", "content", c -> c.config().publishConfig("k", null, " \n\t")),
                row("publishConfig: content of 3 MiB (server limit 2 MiB form)", "content",
                        c -> c.config().publishConfig("k", null, "x".repeat(3 * 1024 * 1024))),
                row("publishConfig: content of 1 MiB of multi-byte characters (over 2 MiB encoded)", "content",
                        c -> c.config().publishConfig("k", null, "\u00e9".repeat(1024 * 1024))),
                row("publishConfig: type `a b`", "type", c -> c.config().publishConfig("k", null, "v", "a b", null)),
                row("publishConfig: casMd5 not 32 hex digits", "casMd5",
                        c -> c.config().publishConfig("k", null, "v", null, "xyz")),
                row("publishConfigAsync: dataId with `/` (fails the future, nothing sent)", "dataId",
                        c -> c.config().publishConfigAsync("a/b", null, "v", null, null).join()),
                row("removeConfig: dataId `..`", "dataId", c -> c.config().removeConfig("..", null)),
                row("addConfigWatcher: listener null", "listener",
                        c -> c.config().addConfigWatcher("k", null, (ConfigListener) null)),
                row("addConfigWatchers: listeners null", "listeners",
                        c -> c.config().addConfigWatchers("k", null, null)),
                row("addConfigWatcher: dataId `../x`", "dataId", c -> c.config().addConfigWatcher("../x", null, LISTENER)),
                row("removeConfigWatcher: listener null", "listener",
                        c -> c.config().removeConfigWatcher("k", null, null, false)));
    }

    @TestFactory
    Stream<DynamicTest> naming() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        Map<String, String> nullKey = new LinkedHashMap<>();
        nullKey.put(null, "v");
        Map<String, String> hugeMetadata = Map.of("k", "v".repeat(2000));
        return Stream.of(
                row("addNamingInstance: instance null", "instance", c -> c.naming().addNamingInstance(null)),
                row("addNamingInstance: serviceName null", "serviceName",
                        c -> c.naming().addNamingInstance(Instance.builder(null, "10.0.0.1", 1).build())),
                row("addNamingInstance: serviceName blank", "serviceName",
                        c -> c.naming().addNamingInstance(Instance.builder(" ", "10.0.0.1", 1).build())),
                row("addNamingInstance: serviceName with NUL", "serviceName",
                        c -> c.naming().addNamingInstance(Instance.builder("a\u0000b", "10.0.0.1", 1).build())),
                row("addNamingInstance: serviceName of 513 characters", "serviceName",
                        c -> c.naming().addNamingInstance(Instance.builder("s".repeat(513), "10.0.0.1", 1).build())),
                row("addNamingInstance: serviceName `g@@a@@b`", "serviceName",
                        c -> c.naming().addNamingInstance(Instance.builder("g@@a@@b", "10.0.0.1", 1).build())),
                row("addNamingInstance: groupName `../x`", "groupName",
                        c -> c.naming().addNamingInstance(instance().groupName("../x").build())),
                row("addNamingInstance: ip null", "ip",
                        c -> c.naming().addNamingInstance(Instance.builder("svc", null, 1).build())),
                row("addNamingInstance: ip with a space", "ip",
                        c -> c.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1 x", 1).build())),
                row("addNamingInstance: port -1", "port", c -> c.naming().addNamingInstance(instance().port(-1).build())),
                row("addNamingInstance: port 65536", "port",
                        c -> c.naming().addNamingInstance(instance().port(65536).build())),
                row("addNamingInstance: weight -1", "weight",
                        c -> c.naming().addNamingInstance(instance().weight(-1).build())),
                row("addNamingInstance: weight 10001", "weight",
                        c -> c.naming().addNamingInstance(instance().weight(10001).build())),
                row("addNamingInstance: weight NaN", "weight",
                        c -> c.naming().addNamingInstance(instance().weight(Double.NaN).build())),
                row("addNamingInstance: weight +Infinity", "weight",
                        c -> c.naming().addNamingInstance(instance().weight(Double.POSITIVE_INFINITY).build())),
                row("addNamingInstance: weight -Infinity", "weight",
                        c -> c.naming().addNamingInstance(instance().weight(Double.NEGATIVE_INFINITY).build())),
                row("addNamingInstance: clusterName `a,b`", "clusterName",
                        c -> c.naming().addNamingInstance(instance().clusterName("a,b").build())),
                row("addNamingInstance: metadata with a null value", "metadata",
                        c -> c.naming().addNamingInstance(instance().metadata(nullValue).build())),
                row("addNamingInstance: metadata with a null key", "metadata",
                        c -> c.naming().addNamingInstance(instance().metadata(nullKey).build())),
                row("addNamingInstance: metadata over 1024 characters as JSON", "metadata",
                        c -> c.naming().addNamingInstance(instance().metadata(hugeMetadata).build())),
                row("addNamingInstance: heartbeatInterval zero", "heartbeatInterval",
                        c -> c.naming().addNamingInstance(instance().build(), Duration.ZERO)),
                row("metadataFromJson: not JSON", "metadata", c -> c.naming().metadataFromJson("{k: v")),
                row("metadataFromJson: a JSON array", "metadata", c -> c.naming().metadataFromJson("[1,2]")),
                row("metadataFromJson: a nested object", "metadata",
                        c -> c.naming().metadataFromJson("{\"k\":{\"x\":1}}")),
                row("listNamingInstance: query null", "query", c -> c.naming().listNamingInstance((ServiceQuery) null)),
                row("listNamingInstance: namespaceId `a/b`", "namespaceId",
                        c -> c.naming().listNamingInstance(ServiceQuery.builder("svc").namespaceId("a/b").build())),
                row("listNamingInstance: cluster `a b`", "clusters",
                        c -> c.naming().listNamingInstance(ServiceQuery.builder("svc").clusters("a b").build())),
                row("subscribe: listener null", "listener",
                        c -> c.naming().subscribe(null, ServiceQuery.of("svc"), Duration.ofSeconds(1))),
                row("subscribe: interval negative", "interval",
                        c -> c.naming().subscribe(e -> { }, ServiceQuery.of("svc"), Duration.ofSeconds(-1))),
                row("unsubscribe: listener null", "listener",
                        c -> c.naming().unsubscribe(ServiceQuery.of("svc"), null)),
                row("getNamingInstance: port 70000", "port",
                        c -> c.naming().getNamingInstance("svc", "10.0.0.1", 70000, null, null)),
                row("sendHeartbeat: weight NaN", "weight",
                        c -> c.naming().sendHeartbeat(instance().weight(Double.NaN).build())),
                row("removeNamingInstance: ip empty", "ip",
                        c -> c.naming().removeNamingInstance(Instance.builder("svc", "", 1).build())));
    }

    @TestFactory
    Stream<DynamicTest> options() {
        return Stream.of(
                row("option: unknown key `serverAdr` (typo)", "serverAdr",
                        c -> ClientOptions.fromMap(Map.of("serverAdr", "127.0.0.1:8848"))),
                row("option: serverAddr empty", "serverAddr", c -> ClientOptions.builder().serverAddr("").build()),
                row("option: serverAddr `ftp://h:21`", "serverAddr",
                        c -> ClientOptions.builder().serverAddr("ftp://h:21").build()),
                row("option: serverAddr `h:0`", "serverAddr", c -> ClientOptions.builder().serverAddr("h:0").build()),
                row("option: serverAddr `h:65536`", "serverAddr",
                        c -> ClientOptions.builder().serverAddr("h:65536").build()),
                row("option: serverAddr `h:abc`", "serverAddr", c -> ClientOptions.builder().serverAddr("h:abc").build()),
                row("option: serverAddr `user:pw@h:8848` (credentials in the URL)", "serverAddr",
                        c -> ClientOptions.builder().serverAddr("user:pw@h:8848").build()),
                row("option: serverAddr `h:8848/nacos` (path)", "serverAddr",
                        c -> ClientOptions.builder().serverAddr("h:8848/nacos").build()),
                row("option: serverAddr `h_st!:1`", "serverAddr", c -> ClientOptions.builder().serverAddr("h_st!:1").build()),
                row("option: namespace `a/b`", "namespace",
                        c -> ClientOptions.builder().serverAddr("h").namespace("a/b").build()),
                row("option: namespace `../x`", "namespace",
                        c -> ClientOptions.builder().serverAddr("h").namespace("../x").build()),
                row("option: defaultTimeout 0", "defaultTimeout",
                        c -> ClientOptions.builder().serverAddr("h").defaultTimeout(Duration.ZERO).build()),
                row("option: pullingTimeout `abc` in a map", "pullingTimeout",
                        c -> ClientOptions.fromMap(Map.of("serverAddr", "h", "pullingTimeout", "abc"))),
                row("option: endpointPort 0", "endpointPort",
                        c -> ClientOptions.builder().endpoint("e").endpointPort(0).build()),
                row("option: password without username", "username",
                        c -> ClientOptions.builder().serverAddr("h").password("pw").build()),
                row("option: proxy without port", "proxy", c -> ClientOptions.builder().serverAddr("h").proxy("p").build()),
                row("option: clientName `a/b`", "clientName",
                        c -> ClientOptions.builder().serverAddr("h").clientName("a/b").build()),
                row("option: callbackThreadNum 0", "callbackThreadNum",
                        c -> ClientOptions.builder().serverAddr("h").callbackThreadNum(0).build()));
    }
}
