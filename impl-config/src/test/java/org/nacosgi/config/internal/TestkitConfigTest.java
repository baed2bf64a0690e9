package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;
import org.nacosgi.transport.internal.HttpRuntimeFactory;

/** The config service end to end: the real transport against the testkit server, every generation. */
class TestkitConfigTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    NacosTestServer server(Consumer<NacosTestServer.Builder> setup) {
        NacosTestServer.Builder b = NacosTestServer.builder().dumpDelay(Duration.ZERO).holdFloor(Duration.ofMillis(500));
        setup.accept(b);
        NacosTestServer s = b.start();
        open.add(s);
        return s;
    }

    ClientOptions.Builder options(NacosTestServer s, String client) {
        return ClientOptions.builder().serverAddr(s.serverAddr()).contextPath(s.contextPath()).clientName(client)
                .failoverDir(dir.resolve(client + "-failover")).snapshotDir(dir.resolve(client + "-snapshot"))
                .defaultTimeout(Timing.scaled(Duration.ofSeconds(5))); // generous: the CI machine may be loaded
    }

    ClientRuntime runtime(ClientOptions options) {
        ClientRuntime r = new HttpRuntimeFactory().create(options);
        open.add(r);
        return r;
    }

    HttpConfigService client(ClientOptions options) {
        return new HttpConfigService(runtime(options));
    }

    static final class Recorder implements ConfigListener {
        final BlockingQueue<ConfigChangeEvent> events = new LinkedBlockingQueue<>();

        @Override
        public void onChange(ConfigChangeEvent event) {
            events.add(event);
        }

        ConfigChangeEvent next() throws InterruptedException {
            ConfigChangeEvent e = events.poll(Timing.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + Timing.scaled(WAIT));
            }
            return e;
        }
    }

    static void assertChanged(ConfigChangeEvent e, String content) {
        assertEquals(ConfigChangeEvent.Type.CHANGED, e.type(), e.toString());
        assertEquals(content, e.content().orElse(null));
    }

    long count(NacosTestServer s, String method, String path) {
        return s.requests().stream().filter(r -> r.method().equals(method) && r.path().endsWith(path)).count();
    }

    @Test
    void failoverBeatsServerBeatsSnapshotAndSnapshotServesWhenDown() throws Exception {
        NacosTestServer s = server(b -> { });
        HttpConfigService config = client(options(s, "r1").build());
        s.putConfig("", "DEFAULT_GROUP", "app.properties", "a=1", "properties");

        ConfigItem fromServer = config.getConfigItem("app.properties", null, null, false);
        assertEquals("a=1", fromServer.content());
        assertEquals(ConfigItem.Source.SERVER, fromServer.source());
        assertEquals("properties", fromServer.type());
        Path snapshot = dir.resolve("r1-snapshot/public/DEFAULT_GROUP/app.properties");
        assertEquals("a=1", Files.readString(snapshot));

        Files.writeString(snapshot, "stale");
        assertEquals("a=1", config.getConfig("app.properties"), "the server beats the snapshot");

        Path failover = dir.resolve("r1-failover/public/DEFAULT_GROUP/app.properties");
        Files.createDirectories(failover.getParent());
        Files.writeString(failover, "pinned");
        s.clearRequests();
        assertEquals(ConfigItem.Source.FAILOVER, config.getConfigItem("app.properties", null, null, false).source());
        assertEquals(0, count(s, "GET", "/v1/cs/configs"), "the server was asked despite a failover file");
        Files.delete(failover);

        s.stop();
        ConfigItem down = config.getConfigItem("app.properties", null, null, false);
        assertEquals(ConfigItem.Source.SNAPSHOT, down.source());
        assertEquals("a=1", down.content());
        assertThrows(ServerUnavailableException.class,
                () -> config.getConfigItem("app.properties", null, null, true), "noSnapshot");
        ServerUnavailableException none = assertThrows(ServerUnavailableException.class,
                () -> config.getConfig("never.seen"));
        assertTrue(none.getMessage().contains("no local snapshot"), none.getMessage());
    }

    @Test
    void notFoundDeletesTheSnapshot() throws Exception {
        NacosTestServer s = server(b -> { });
        HttpConfigService config = client(options(s, "r2").build());
        s.putConfig("", "G", "gone", "x", null);
        assertEquals("x", config.getConfig("gone", "G"));
        Path snapshot = dir.resolve("r2-snapshot/public/G/gone");
        assertTrue(Files.exists(snapshot));
        s.removeConfig("", "G", "gone");
        assertThrows(NotFoundException.class, () -> config.getConfig("gone", "G"));
        assertFalse(Files.exists(snapshot));
    }

    @Test
    void publishCasAndRemoveOnEveryGenerationWithV1Clients() throws Exception {
        for (Generation g : List.of(Generation.V1, Generation.V2, Generation.V3_0)) {
            NacosTestServer s = server(b -> b.generation(g));
            HttpConfigService config = client(options(s, "p" + g.ordinal()).namespace("ns-" + g.ordinal()).build());
            config.publishConfig("app", "G", "v=1", "properties", null);
            assertEquals("v=1", s.config("ns-" + g.ordinal(), "G", "app").orElse(null), g.toString());
            assertThrows(ConflictException.class,
                    () -> config.publishConfig("app", "G", "v=2", null, "0".repeat(32)), g.toString());
            config.publishConfig("app", "G", "v=2", null, Md5.of("v=1"));
            assertEquals("v=2", Timing.await(WAIT, () -> "v=2".equals(safeGet(config, "app", "G")))
                    ? "v=2" : safeGet(config, "app", "G"), g.toString());
            config.removeConfig("app", "G");
            assertTrue(Timing.await(WAIT, () -> s.config("ns-" + g.ordinal(), "G", "app").isEmpty()), g.toString());
            assertThrows(NotFoundException.class, () -> config.getConfig("app", "G"), g.toString());
            for (RecordedRequest r : s.requests()) {
                assertFalse(r.path().contains("/v3/"), g + " used a v3 path: " + r);
            }
        }
    }

    static String safeGet(HttpConfigService config, String dataId, String group) {
        try {
            return config.getConfig(dataId, group);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Test
    void v3OnlyServersReadAndWatchByMd5AndWriteThroughTheAdminApi() throws Exception {
        NacosTestServer s = server(b -> b.generation(Generation.V3_2).auth("nacos", "pw-3.2"));
        HttpConfigService anonymous = client(options(s, "v3a").build());
        OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
                () -> anonymous.publishConfig("app", null, "x"));
        assertTrue(e.getMessage().contains("username and password"), e.getMessage());

        HttpConfigService config = client(options(s, "v3b").username("nacos").password("pw-3.2")
                .configPollInterval(Duration.ofMillis(200)).build());
        config.publishConfig("app", null, "v=1", "properties", null);
        assertEquals("v=1", config.getConfig("app"));
        Recorder r = new Recorder();
        config.addConfigWatcher("app", null, r);
        assertChanged(r.next(), "v=1");
        assertThrows(ConflictException.class, () -> config.publishConfig("app", null, "v=2", null, "0".repeat(32)));
        config.publishConfigAsync("app", null, "v=2", null, Md5.of("v=1")).get(10, TimeUnit.SECONDS);
        assertChanged(r.next(), "v=2");
        assertEquals("v=2", config.getConfigAsync("app", null).get(10, TimeUnit.SECONDS).content());
        config.removeConfigAsync("app", null).get(10, TimeUnit.SECONDS);
        assertEquals(ConfigChangeEvent.Type.DELETED, r.next().type());
        assertThrows(NotFoundException.class, () -> config.getConfig("app"));
    }

    @Test
    void stagesChainedOnAsyncCallsRunOnTheCallbackPoolAndMayBlock() throws Exception {
        NacosTestServer s = server(b -> { });
        // a short timeout: a blocking call waiting for the transport's HTTP thread would fail with it
        HttpConfigService config = client(options(s, "chain").defaultTimeout(Timing.scaled(Duration.ofSeconds(3)))
                .build());
        config.publishConfig("a", null, "A");
        config.publishConfig("b", null, "B");
        String got = config.getConfigAsync("a", null)
                .thenApply(a -> Thread.currentThread().getName() + " " + a.content() + config.getConfig("b"))
                .get(30, TimeUnit.SECONDS);
        assertTrue(got.startsWith("nacosgi-chain-callback-"), got);
        assertTrue(got.endsWith(" AB"), got);
        String published = config.publishConfigAsync("c", null, "C", null, null)
                .thenApply(v -> Thread.currentThread().getName() + " " + config.getConfig("c"))
                .get(30, TimeUnit.SECONDS);
        assertTrue(published.startsWith("nacosgi-chain-callback-") && published.endsWith(" C"), published);
    }

    @Test
    void watchersGetFirstCallChangesAndDeletion() throws Exception {
        NacosTestServer s = server(b -> { });
        HttpConfigService config = client(options(s, "w1").build());
        s.putConfig("", "DEFAULT_GROUP", "app", "v1", null);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        config.addConfigWatcher("app", null, a);
        assertChanged(a.next(), "v1");
        config.addConfigWatcher("app", null, b);
        assertChanged(b.next(), "v1");
        config.publishConfig("app", null, "v2");
        ConfigChangeEvent ea = a.next();
        assertChanged(ea, "v2");
        assertEquals("v1", ea.previousContent().orElse(null));
        assertChanged(b.next(), "v2");
        assertTrue(config.removeConfigWatcher("app", null, b, true));
        config.removeConfig("app", null);
        ConfigChangeEvent deleted = a.next();
        assertEquals(ConfigChangeEvent.Type.DELETED, deleted.type());
        assertTrue(deleted.content().isEmpty());
        assertTrue(b.events.isEmpty(), "a removed listener was called");
        Recorder late = new Recorder();
        config.addConfigWatcher("missing", null, late);
        s.putConfig("", "DEFAULT_GROUP", "missing", "born", null);
        assertChanged(late.next(), "born");
    }

    @Test
    void aNewWatcherIsNotKeptWaitingForTheCurrentPoll() throws Exception {
        NacosTestServer s = server(b -> b.holdFloor(Duration.ofSeconds(10)));
        HttpConfigService config = client(options(s, "nh").build());
        config.addConfigWatcher("first", null, e -> { });
        assertTrue(Timing.await(WAIT, () -> s.heldLongPolls() >= 1));
        s.putConfig("", "DEFAULT_GROUP", "second", "s1", null);
        Recorder r = new Recorder();
        long t0 = System.nanoTime();
        config.addConfigWatcher("second", null, r);
        assertChanged(r.next(), "s1");
        s.putConfig("", "DEFAULT_GROUP", "second", "s2", null);
        assertChanged(r.next(), "s2");
        assertTrue(System.nanoTime() - t0 < Timing.scaled(Duration.ofSeconds(8)).toNanos(),
                "the new watcher waited for the 30 s poll");
        assertTrue(s.requests().stream().anyMatch(q -> q.path().endsWith("/v1/cs/configs/listener")
                && q.header("Long-Pulling-Timeout-No-Hangup").orElse("").equals("true")));
    }

    @Test
    void noTightLoopWhenTheServerKeepsReportingAChange() throws Exception {
        NacosTestServer s = server(b -> { });
        s.putConfig("", "DEFAULT_GROUP", "app", "same", null);
        // from the first poll on: a poll the fault came too late for would be held for the whole pullingTimeout
        s.fault("POST", "/v1/cs/configs/listener", Fault.status(200, "app%02DEFAULT_GROUP%01\n"));
        HttpConfigService config = client(options(s, "tl").build());
        Recorder r = new Recorder();
        config.addConfigWatcher("app", null, r);
        assertChanged(r.next(), "same");
        s.clearRequests();
        new CountDownLatch(1).await(3, TimeUnit.SECONDS); // bounded observation window, not a wait for an event
        long polls = count(s, "POST", "/v1/cs/configs/listener");
        assertTrue(polls >= 2 && polls <= 12, polls + " listener requests in 3 s");
        s.clearFaults();
        s.fault("POST", "/v1/cs/configs/listener", Fault.status(503));
        s.clearRequests();
        // the pause left over from the phase above may be long: start counting at the first refused poll
        assertTrue(Timing.await(WAIT, () -> count(s, "POST", "/v1/cs/configs/listener") >= 1));
        s.clearRequests();
        new CountDownLatch(1).await(3, TimeUnit.SECONDS);
        long failing = count(s, "POST", "/v1/cs/configs/listener");
        // backoff after errors: 0.5-1 s, 1-2 s, 2-4 s, ...
        assertTrue(failing >= 1 && failing <= 4, failing + " listener requests in 3 s against a 503: " + s.requests());
        assertTrue(s.requests().stream().noneMatch(q -> q.method().equals("GET")), "a 503 is no change");
        s.clearFaults();
        config.publishConfig("app", null, "recovered");
        assertChanged(r.next(), "recovered");
    }

    @Test
    void tenKeysOfBatchSizeThreeHoldFourPolls() throws Exception {
        NacosTestServer s = server(b -> b.holdFloor(Duration.ofSeconds(10)));
        HttpConfigService config = client(options(s, "b4").pullingConfigSize(3).build());
        for (int i = 0; i < 10; i++) {
            config.addConfigWatcher("k" + i, null, e -> { });
        }
        assertTrue(Timing.await(WAIT, () -> s.heldLongPolls() == 4 && config.watcher().pollsInFlight() == 4),
                "held " + s.heldLongPolls() + ", in flight " + config.watcher().pollsInFlight());
    }

    @Test
    void tenThousandKeysAreFourLongPollsInFlight() throws Exception {
        // short holds, so a poll restarted while keys were added (the transport cannot abort it) ends quickly
        NacosTestServer s = server(b -> b.holdFloor(Duration.ofSeconds(1)));
        HttpConfigService config = client(options(s, "k10").pullingTimeout(Duration.ofSeconds(1)).build());
        for (int i = 0; i < 10_000; i++) {
            config.addConfigWatcher("key-" + i, null, e -> { });
        }
        assertEquals(4, config.watcher().batchCount());
        assertTrue(Timing.await(Duration.ofSeconds(20), () -> s.heldLongPolls() == 4 && config.watcher().pollsInFlight() == 4),
                "held " + s.heldLongPolls() + ", in flight " + config.watcher().pollsInFlight());
        int largest = 0;
        for (RecordedRequest r : s.requests()) {
            if (r.path().endsWith("/v1/cs/configs/listener")) {
                largest = Math.max(largest, r.form().get("Listening-Configs").get(0).split("\u0001").length);
            }
        }
        assertEquals(3000, largest, "keys per long poll");
    }

    @Test
    void aGoneListenerRouteIsNeverMissingAndWatchingGoesOn() throws Exception {
        NacosTestServer s = server(b -> { });
        s.putConfig("", "DEFAULT_GROUP", "app", "x", null);
        HttpConfigService config = client(options(s, "g410").configPollInterval(Duration.ofMillis(300)).build());
        s.fault("POST", "/v1/cs/configs/listener", Fault.status(410,
                "{\"code\":40000,\"message\":\"Current API will be deprecated\"}"));
        Recorder r = new Recorder();
        config.addConfigWatcher("app", null, r);
        assertChanged(r.next(), "x"); // read by md5 polling, the listener being gone
        config.publishConfig("app", null, "y");
        assertChanged(r.next(), "y");
        s.clearFaults();
        config.publishConfig("app", null, "z");
        assertChanged(r.next(), "z");
    }

    @Test
    void closeLeavesNoThread() throws Exception {
        NacosTestServer s = server(b -> { });
        ClientRuntime runtime = runtime(options(s, "leak1").build());
        HttpConfigService config = new HttpConfigService(runtime);
        s.putConfig("", "DEFAULT_GROUP", "app", "x", null);
        Recorder r = new Recorder();
        config.addConfigWatcher("app", null, r);
        assertChanged(r.next(), "x");
        config.getConfig("app");
        assertTrue(liveThreads("nacosgi-leak1-") > 0);
        runtime.close();
        assertTrue(Timing.await(WAIT, () -> {
            System.gc();
            return liveThreads("nacosgi-leak1-") == 0;
        }), "threads left: " + threadNames("nacosgi-leak1-"));
    }

    static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    static List<String> threadNames(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
