package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.spi.NacosRequest;

/** Watch semantics over an in-memory listener server: first call, changes, deletion, batches, no-hangup, backoff. */
class WatchTest {
    static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    ScriptedTransport transport;
    FakeConfigServer server;
    FakeRuntime runtime;
    HttpConfigService service;

    @BeforeEach
    void start() {
        transport = new ScriptedTransport();
        server = new FakeConfigServer();
        server.install(transport);
        start(options());
    }

    void start(ClientOptions.Builder options) {
        if (runtime != null) {
            runtime.close();
        }
        runtime = new FakeRuntime(options.build(), transport);
        service = new HttpConfigService(runtime);
    }

    ClientOptions.Builder options() {
        return ClientOptions.builder().serverAddr("127.0.0.1:1").clientName("w")
                .failoverDir(dir.resolve("failover")).snapshotDir(dir.resolve("snapshot"));
    }

    @AfterEach
    void stop() {
        runtime.close();
        server.close();
    }

    /** Records events; {@link #next()} waits for the next one with a deadline. */
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
        assertEquals(Md5.of(content), e.md5());
    }

    @Test
    void eachNewListenerGetsTheCurrentContentOnceThenChanges() throws Exception {
        server.put("app", "DEFAULT_GROUP", "v1");
        Recorder first = new Recorder();
        service.addConfigWatcher("app", null, first);
        assertChanged(first.next(), "v1");
        assertTrue(transport.requests.stream().anyMatch(r -> r.path().equals(LongPollWatcher.LISTENER_PATH)
                && "true".equals(r.headers().get("Long-Pulling-Timeout-No-Hangup"))), "first poll must not hang up");

        Recorder second = new Recorder();
        service.addConfigWatcher("app", null, second);
        assertChanged(second.next(), "v1");

        server.put("app", "DEFAULT_GROUP", "v2");
        ConfigChangeEvent a = first.next();
        ConfigChangeEvent b = second.next();
        assertChanged(a, "v2");
        assertChanged(b, "v2");
        assertEquals("v1", a.previousContent().orElse(null));
        // the second event of each proves no duplicate first call came in between (lanes keep order)
        assertTrue(first.events.isEmpty() && second.events.isEmpty());
    }

    @Test
    void missingItemGetsNoFirstCallThenCreatedThenDeleted() throws Exception {
        Recorder r = new Recorder();
        service.addConfigWatcher("late", "G", r);
        assertTrue(Timing.await(WAIT, () -> server.heldCount() == 1), "the poll should be held");
        assertTrue(r.events.isEmpty(), "no first call for a missing item: " + r.events);
        server.put("late", "G", "born");
        ConfigChangeEvent created = r.next();
        assertChanged(created, "born");
        assertEquals("G", created.group());
        server.delete("late", "G");
        ConfigChangeEvent deleted = r.next();
        assertEquals(ConfigChangeEvent.Type.DELETED, deleted.type());
        assertTrue(deleted.content().isEmpty());
        assertEquals("", deleted.md5());
        assertEquals("born", deleted.previousContent().orElse(null));
    }

    @Test
    void removeOneOccurrenceOrAll() throws Exception {
        server.put("app", "DEFAULT_GROUP", "v1");
        Recorder r = new Recorder();
        service.addConfigWatchers("app", null, List.of(r, r, r));
        for (int i = 0; i < 3; i++) {
            assertChanged(r.next(), "v1");
        }
        assertTrue(service.removeConfigWatcher("app", null, r, false));
        server.put("app", "DEFAULT_GROUP", "v2");
        assertChanged(r.next(), "v2");
        assertChanged(r.next(), "v2");
        assertTrue(service.removeConfigWatcher("app", null, r, true));
        assertFalse(service.removeConfigWatcher("app", null, r, true));
        assertFalse(service.removeConfigWatcher("app", null, r, false));
        assertEquals(0, service.watchedCount());
        assertEquals(0, service.watcher().batchCount(), "an item without listeners is no longer polled");
        int mark = transport.requests.size();
        server.put("app", "DEFAULT_GROUP", "v3");
        // a fresh watcher on another key proves the service still polls, and no event reached r
        Recorder other = new Recorder();
        server.put("other", "DEFAULT_GROUP", "o");
        service.addConfigWatcher("other", null, other);
        assertChanged(other.next(), "o");
        assertTrue(r.events.isEmpty(), "removed listener was called: " + r.events);
        assertTrue(Timing.await(WAIT, () -> server.heldCount() == 1));
        NacosRequest last = null;
        for (NacosRequest q : transport.requests.subList(mark, transport.requests.size())) {
            if (q.path().equals(LongPollWatcher.LISTENER_PATH)) {
                last = q;
            }
        }
        assertEquals("other\u0002DEFAULT_GROUP\u0002" + Md5.of("o") + "\u0001", last.form().get("Listening-Configs"));
    }

    @Test
    void keysArePackedIntoBatchesOneHeldPollEach() throws Exception {
        start(options().pullingConfigSize(3));
        for (int i = 0; i < 10; i++) {
            service.addConfigWatcher("k" + i, null, e -> { });
        }
        assertEquals(4, service.watcher().batchCount());
        assertTrue(Timing.await(WAIT, () -> server.heldCount() == 4 && service.watcher().pollsInFlight() == 4),
                "held=" + server.heldCount() + " inFlight=" + service.watcher().pollsInFlight());
        for (NacosRequest q : transport.requests) {
            if (q.path().equals(LongPollWatcher.LISTENER_PATH)) {
                int keys = q.form().get("Listening-Configs").split("\u0001").length;
                assertTrue(keys <= 3, "a poll carried " + keys + " keys");
                assertEquals("30000", q.headers().get("Long-Pulling-Timeout"));
                assertTrue(q.timeout().orElseThrow().compareTo(Duration.ofSeconds(30)) > 0);
            }
        }
    }

    @Test
    void aKeyAddedDuringAHeldPollIsWatchedAtOnce() throws Exception {
        service.addConfigWatcher("a", null, e -> { });
        assertTrue(Timing.await(WAIT, () -> server.heldCount() == 1));
        int before = server.listenerRequests.get();
        Recorder r = new Recorder();
        server.put("b", "DEFAULT_GROUP", "b1");
        service.addConfigWatcher("b", null, r);
        assertChanged(r.next(), "b1"); // not after the 30 s hold
        assertTrue(Timing.await(WAIT, () -> server.listenerRequests.get() > before + 1 && server.heldCount() >= 1));
        server.put("b", "DEFAULT_GROUP", "b2");
        assertChanged(r.next(), "b2");
    }

    @Test
    void failoverKeysAreLeftOutOfPollsAndServedFromTheFile() throws Exception {
        Path file = dir.resolve("failover/public/DEFAULT_GROUP/app");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "local");
        server.put("app", "DEFAULT_GROUP", "remote");
        Recorder r = new Recorder();
        service.addConfigWatcher("app", null, r);
        service.addConfigWatcher("polled", null, e -> { });
        assertChanged(r.next(), "local");
        assertTrue(Timing.await(WAIT, () -> server.heldCount() == 1));
        for (NacosRequest q : transport.requests) {
            if (q.path().equals(LongPollWatcher.LISTENER_PATH)) {
                assertFalse(q.form().get("Listening-Configs").contains("app\u0002"), "failover key was polled");
            }
        }
        assertEquals(0, server.reads.get(), "the server was asked for a failover key");
    }

    @Test
    void aServerThatKeepsReportingTheSameChangeIsNotHammered() throws Exception {
        server.put("app", "DEFAULT_GROUP", "same");
        Recorder r = new Recorder();
        // the listener always reports "app" changed, but reading it always gives the content we already have
        transport.handler = q -> q.path().equals(LongPollWatcher.LISTENER_PATH)
                ? java.util.concurrent.CompletableFuture.completedFuture(
                        ScriptedTransport.answer(200, "app%02DEFAULT_GROUP%01\n"))
                : server.handle(q);
        service.addConfigWatcher("app", null, r);
        assertChanged(r.next(), "same");
        long start = System.nanoTime();
        long polls0 = transport.count(LongPollWatcher.LISTENER_PATH);
        CountDownLatch never = new CountDownLatch(1);
        never.await(3, TimeUnit.SECONDS); // a bounded observation window, not a wait for an event
        long polls = transport.count(LongPollWatcher.LISTENER_PATH) - polls0;
        long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
        assertTrue(polls <= 12, polls + " polls in " + seconds + " s: a tight loop");
        assertTrue(polls >= 2, "the watcher must keep polling, got " + polls);
        assertTrue(r.events.isEmpty(), "same content must not be delivered again: " + r.events);
        assertTrue(runtime.log.count("WARNING", "keeps answering at once") >= 1, runtime.log.records.toString());
    }

    @Test
    void errorsBackOffExponentially() throws Exception {
        transport.handler = q -> java.util.concurrent.CompletableFuture.failedFuture(ScriptedTransport.down());
        service.addConfigWatcher("app", null, e -> { });
        CountDownLatch never = new CountDownLatch(1);
        never.await(3, TimeUnit.SECONDS); // a bounded observation window
        long polls = transport.count(LongPollWatcher.LISTENER_PATH);
        assertTrue(polls >= 2 && polls <= 6, polls + " polls in 3 s while the server is down");
        assertEquals(1, runtime.log.count("WARNING", "retrying with backoff"), runtime.log.records.toString());
        // recovery: the server comes back and the watcher finds the change
        Recorder r = new Recorder();
        server.put("app2", "DEFAULT_GROUP", "x");
        server.install(transport);
        service.addConfigWatcher("app2", null, r);
        ConfigChangeEvent e = r.next();
        assertChanged(e, "x");
    }

    @Test
    void slowOrThrowingListenersDelayNoOther() throws Exception {
        start(options().callbackThreadNum(3));
        server.put("app", "DEFAULT_GROUP", "v0");
        CountDownLatch release = new CountDownLatch(1);
        ConfigListener slow = e -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        ConfigListener throwing = e -> {
            throw new IllegalStateException("boom");
        };
        Recorder fast = new Recorder();
        service.addConfigWatchers("app", null, List.of(slow, throwing, fast));
        assertChanged(fast.next(), "v0");
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            server.put("app", "DEFAULT_GROUP", "v" + i);
        }
        // the fast listener sees increasing versions only, ending at v20, while slow is blocked
        while (!"v20".equals(seen.isEmpty() ? null : seen.get(seen.size() - 1))) {
            ConfigChangeEvent e = fast.next();
            seen.add(e.content().orElseThrow());
        }
        for (int i = 1; i < seen.size(); i++) {
            int prev = Integer.parseInt(seen.get(i - 1).substring(1));
            int cur = Integer.parseInt(seen.get(i).substring(1));
            assertTrue(cur > prev, "older after newer: " + seen);
        }
        assertTrue(Timing.await(WAIT, () -> runtime.log.count("WARNING", "threw on CHANGED of app/DEFAULT_GROUP") >= 1),
                runtime.log.records.toString());
        release.countDown();
    }

    @Test
    void closeEndsPollingAndRefusesNewWork() throws Exception {
        service.addConfigWatcher("a", null, e -> { });
        assertTrue(Timing.await(WAIT, () -> server.heldCount() == 1));
        runtime.close();
        assertEquals(0, service.watcher().batchCount());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> service.addConfigWatcher("b", null, e -> { }));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> service.getConfig("b"));
    }
}
