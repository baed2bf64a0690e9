package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.ServerErrorException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Broken answers to config reads and instance lists (cut mid-body, truncated or malformed JSON, HTML with a 200, HTML
 * error pages from a proxy): the caller gets a clear exception (or, where no server answered, the snapshot / disk
 * cache), listeners and subscribers keep the last good data and never see garbage, no thread dies, and everything
 * recovers when the answers are good again.
 */
class MalformedAnswerTest {
    private static final String CONFIG = "/v1/cs/configs";
    private static final String LIST = "/v1/ns/instance/list";
    private static final String HTML = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
            + "<body><h1>Oops</h1><p>The upstream is being upgraded.</p></body></html>";

    @TempDir
    Path dir;

    /** Where a fault is installed and what it breaks. */
    private enum Via { SERVER, PROXY }

    /**
     * One kind of broken answer for config reads ({@code breaksConfig}) and instance lists; {@code strict} is what
     * a caller gets, {@code servesLocalCopy} whether reads with snapshots/cache allowed get the last good copy.
     */
    private static Arguments fault(String name, Via via, boolean breaksConfig,
            BiConsumer<NacosTestServer, FaultyProxy> install, Class<? extends NacosException> strict,
            boolean servesLocalCopy) {
        return Arguments.of(name, via, breaksConfig, install, strict, servesLocalCopy);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("connection cut mid-body", Via.SERVER, true, (s, p) -> {
                    s.fault("GET", CONFIG, Fault.cutBody());
                    s.fault("GET", LIST, Fault.cutBody());
                }, ServerUnavailableException.class, true),
                fault("truncated body (complete HTTP answer)", Via.PROXY, true, (s, p) -> {
                    p.rewrite("GET", CONFIG, a -> new FaultyProxy.Answer(a.status, a.contentType,
                            a.body.substring(0, a.body.length() / 2)));
                    p.rewrite("GET", LIST, a -> new FaultyProxy.Answer(a.status, a.contentType,
                            a.body.substring(0, a.body.length() / 2)));
                }, MalformedResponseException.class, false),
                fault("malformed JSON", Via.PROXY, false, (s, p) -> p.answer("GET", LIST, 200, "application/json",
                        "{\"hosts\":[{\"ip\":\"10.0.0.1\",\"port\":}]"), MalformedResponseException.class, false),
                fault("HTML page with 200 (captive portal)", Via.PROXY, true, (s, p) -> {
                    p.answer("GET", CONFIG, 200, "text/html;charset=utf-8", HTML);
                    p.answer("GET", LIST, 200, "text/html;charset=utf-8", HTML);
                }, MalformedResponseException.class, false),
                fault("wrong content type (text/html, HTML body, server headers kept)", Via.PROXY, true, (s, p) -> {
                    p.rewrite("GET", CONFIG, a -> new FaultyProxy.Answer(a.status, "text/html", HTML));
                    p.rewrite("GET", LIST, a -> new FaultyProxy.Answer(a.status, "text/html", HTML));
                }, MalformedResponseException.class, false),
                fault("HTML error page 502 from a proxy", Via.PROXY, true, (s, p) -> {
                    p.answer("GET", CONFIG, 502, "text/html", HTML);
                    p.answer("GET", LIST, 502, "text/html", HTML);
                }, ServerUnavailableException.class, true),
                fault("HTML error page 504 from a proxy", Via.PROXY, true, (s, p) -> {
                    p.answer("GET", CONFIG, 504, "text/html", HTML);
                    p.answer("GET", LIST, 504, "text/html", HTML);
                }, ServerErrorException.class, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void brokenAnswersKeepTheLastGoodData(String name, Via via, boolean configBroken,
            BiConsumer<NacosTestServer, FaultyProxy> install, Class<? extends NacosException> strict,
            boolean servesLocalCopy) {
        try (LogCapture logs = LogCapture.start(); NacosTestServer server = Servers.start();
                FaultyProxy proxy = FaultyProxy.to(server.port());
                NacosClient owner = Clients.create(Clients.options(dir.resolve("owner"), server.serverAddr()));
                NacosClient client = Clients.create(Clients.options(dir.resolve("client"),
                        via == Via.PROXY ? proxy.address() : server.serverAddr()))) {
            server.putConfig("", "DEFAULT_GROUP", "k", "good", "text");
            owner.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
            Recorder watcher = new Recorder();
            Recorder subscriber = new Recorder();
            client.config().addConfigWatcher("k", null, watcher);
            client.naming().subscribe(subscriber, ServiceQuery.of("svc"), Duration.ofMillis(200));
            Await.until("first content", Duration.ofSeconds(10), () -> watcher.saw("good"));
            Await.until("first instances", Duration.ofSeconds(10),
                    () -> subscriber.lastInstancesMatch(l -> ports(l).equals(Set.of(1))));
            assertEquals(1, client.naming().listNamingInstance("svc").size()); // fills the disk cache

            install.accept(server, proxy);
            server.putConfig("", "DEFAULT_GROUP", "k", "changed", "text");
            owner.naming().addNamingInstance(Instance.builder("svc", "10.0.0.2", 2).build());

            // direct reads: a clear exception; with snapshots allowed, the last good copy where no server answered
            // (a query never listed before has no disk cache copy)
            NacosException listError = assertThrows(strict, () -> client.naming().listNamingInstance(
                    ServiceQuery.of("svc").toBuilder().healthyOnly(true).build()), name);
            assertClear(listError, name);
            if (configBroken) {
                NacosException e = assertThrows(strict,
                        () -> client.config().getConfigItem("k", null, Duration.ofSeconds(2), true), name);
                assertClear(e, name);
                if (servesLocalCopy) {
                    ConfigItem item = client.config().getConfigItem("k", null, Duration.ofSeconds(2), false);
                    assertEquals(ConfigItem.Source.SNAPSHOT, item.source());
                    assertEquals("good", item.content());
                } else {
                    assertThrows(strict, () -> client.config().getConfig("k"), name);
                }
            }
            if (servesLocalCopy) {
                assertEquals(Set.of(1), ports(client.naming().listNamingInstance("svc")), "disk cache");
            } else {
                assertThrows(strict, () -> client.naming().listNamingInstance("svc"), name);
            }

            // background polls meet the broken answers a few times; listeners keep the last good data
            long lists = Servers.count(server, LIST);
            long reads = Servers.count(server, CONFIG);
            Await.until("polls during the fault", Duration.ofSeconds(10),
                    () -> Servers.count(server, LIST) >= lists + 3
                            && (!configBroken || Servers.count(server, CONFIG) >= reads + 1));
            assertEquals(configBroken ? List.of("good") : watcher.contents(), watcher.contents(),
                    "the watcher saw no broken content");
            assertTrue(watcher.contents().stream().noneMatch(c -> c.contains("<html") || c.contains("DOCTYPE")));
            assertEquals(Set.of(1), ports(subscriber.lastInstances().orElseThrow()), "subscriber keeps its list");
            assertEquals(Optional.of(1), client.naming().selectOneHealthyInstance(ServiceQuery.of("svc"))
                    .map(Instance::port), "selection uses the last good list");

            server.clearFaults();
            proxy.clear();
            Await.until(() -> "the watcher recovers, saw " + watcher.contents(), Duration.ofSeconds(20),
                    () -> watcher.saw("changed"));
            Await.until("the subscriber recovers", Duration.ofSeconds(20),
                    () -> subscriber.lastInstancesMatch(l -> ports(l).equals(Set.of(1, 2))));
            assertEquals(ConfigItem.Source.SERVER,
                    client.config().getConfigItem("k", null, Duration.ofSeconds(2), true).source());
            assertEquals(List.of(), logs.texts().stream().filter(t -> t.contains("uncaught"))
                    .collect(Collectors.toList()), "no thread died");
        }
    }

    private static void assertClear(NacosException e, String name) {
        String message = e.getMessage();
        assertTrue(message != null && message.length() > 20, name + ": " + message);
        assertTrue(!message.contains("<html") && !message.contains("<!DOCTYPE"), name + ": HTML in " + message);
        System.out.println("[reliability] " + name + " -> " + e.getClass().getSimpleName() + ": " + message);
    }

    private static Set<Integer> ports(ServiceInfo info) {
        return ports(info.hosts());
    }

    private static Set<Integer> ports(List<Instance> instances) {
        return instances.stream().map(Instance::port).collect(Collectors.toSet());
    }
}
