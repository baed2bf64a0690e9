package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Fault;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/**
 * Slow and hung servers: every call ends at its timeout (within 10%), a held long poll is abandoned at
 * max(pullingTimeout, the server's 10 s minimum hold) + the default timeout, and close() returns in bounded time
 * while the server hangs.
 */
class SlowServerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    /**
     * Two servers that answer after 20 s: each call ends with a timeout after ~{@link #TIMEOUT}, never after two
     * attempts' worth. The median of all calls must be within 10% of the timeout; single calls get an extra
     * allowance for a loaded machine (scaled by nacosgi.test.timeFactor).
     */
    @Test
    void everyCallEndsAtItsTimeout() {
        try (NacosTestServer a = Servers.start(); NacosTestServer b = Servers.start()) {
            for (NacosTestServer s : List.of(a, b)) {
                s.fault("*", "/", Fault.delay(Duration.ofSeconds(20)));
            }
            try (NacosClient client = Clients.create(Clients.options(dir, a.serverAddr(), b.serverAddr())
                    .defaultTimeout(TIMEOUT))) {
                Instance instance = Instance.builder("slow", "10.0.0.9", 8080).build();
                Map<String, Consumer<NacosClient>> calls = new LinkedHashMap<>();
                calls.put("getConfig", c -> c.config().getConfigItem("k", null, TIMEOUT, true));
                calls.put("getConfigAsync", c -> c.config().getConfigAsync("k", null).join());
                calls.put("publishConfig", c -> c.config().publishConfig("k", null, "v"));
                calls.put("removeConfig", c -> c.config().removeConfig("k", null));
                calls.put("addNamingInstance", c -> c.naming().addNamingInstance(instance));
                calls.put("listNamingInstance", c -> c.naming().listNamingInstance(ServiceQuery.of("slow")));
                calls.put("listNamingInstanceAsync",
                        c -> c.naming().listNamingInstanceAsync(ServiceQuery.of("slow")).join());
                calls.put("getNamingInstance", c -> c.naming().getNamingInstance("slow", "10.0.0.9", 8080, null, null));
                calls.put("sendHeartbeat", c -> c.naming().sendHeartbeat(instance));
                calls.put("modifyNamingInstance", c -> c.naming().modifyNamingInstance(instance));
                calls.put("removeNamingInstance", c -> c.naming().removeNamingInstance(instance));
                List<Long> all = new ArrayList<>();
                StringBuilder report = new StringBuilder();
                for (Map.Entry<String, Consumer<NacosClient>> call : calls.entrySet()) {
                    long started = System.nanoTime();
                    RuntimeException e = assertThrows(RuntimeException.class, () -> call.getValue().accept(client),
                            call.getKey());
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    assertTrue(isTimeout(cause), call.getKey() + " failed with " + cause);
                    all.add(millis);
                    report.append(call.getKey()).append('=').append(millis).append("ms ");
                    assertTrue(millis >= TIMEOUT.toMillis() * 9 / 10, call.getKey() + " gave up early: " + report);
                    long allowance = TIMEOUT.toMillis() * 11 / 10 + Await.scaled(Duration.ofMillis(400)).toMillis();
                    assertTrue(millis <= allowance, call.getKey() + " overran its timeout: " + report);
                }
                Collections.sort(all);
                long median = all.get(all.size() / 2);
                System.out.println("[reliability] timeouts of " + TIMEOUT.toMillis() + " ms: " + report + "median="
                        + median);
                assertTrue(median <= TIMEOUT.toMillis() * 11 / 10, "median " + median + " ms: " + report);
            }
        }
    }

    private static boolean isTimeout(Throwable e) {
        // reads report "no server answered" with the timeout as the cause
        return e instanceof NacosTimeoutException
                || (e instanceof ServerUnavailableException && e.getCause() instanceof NacosTimeoutException);
    }

    /**
     * The listener request hangs forever: the client gives up on it after max(pullingTimeout, 10 s) + the default
     * timeout and polls again after a short backoff; other calls go on meanwhile.
     */
    @Test
    void hungLongPollIsAbandonedAtPullingTimeoutPlusMargin() {
        Duration pulling = Duration.ofSeconds(10);
        try (NacosTestServer server = Servers.start()) {
            server.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            server.fault("POST", "/v1/cs/configs/listener", Fault.pause());
            try (NacosClient client = Clients.create(Clients.options(dir, server.serverAddr())
                    .defaultTimeout(TIMEOUT).pullingTimeout(pulling))) {
                client.config().addConfigWatcher("k", null, new Recorder());
                Await.until("a second listener request", Duration.ofSeconds(30),
                        () -> Servers.count(server, "/v1/cs/configs/listener") >= 2);
                assertEquals("v1", client.config().getConfig("k"), "reads are not held up by the hung poll");
                List<RecordedRequest> polls = Servers.requests(server, "/v1/cs/configs/listener");
                long gap = Duration.between(polls.get(0).time(), polls.get(1).time()).toMillis();
                long abandon = pulling.plus(TIMEOUT).toMillis();
                System.out.println("[reliability] hung long poll: next poll after " + gap + " ms (abandon at "
                        + abandon + " ms + backoff 0.5-1 s)");
                assertTrue(gap >= abandon, "the poll was abandoned early: " + gap + " ms");
                // 10% over the bound, plus the first error backoff (at most 1 s)
                assertTrue(gap <= abandon * 11 / 10 + 1000 + Await.scaled(Duration.ofMillis(300)).toMillis(),
                        "the hung poll was held " + gap + " ms");
            } finally {
                server.clearFaults();
            }
        }
    }

    /**
     * Every request hangs (registrations, beats, polls, deregistration on close): close() still returns within the
     * default timeout plus a small margin, a call blocked in another thread ends, and no thread of the client stays.
     */
    @Test
    void closeIsBoundedWhileTheServerHangs() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (NacosTestServer server = Servers.start()) {
            server.putConfig("", "DEFAULT_GROUP", "k", "v1", "text");
            NacosClient client = Clients.create(Clients.options(dir, server.serverAddr()).defaultTimeout(timeout)
                    .pushEnabled(true));
            String prefix = "nacosgi-" + client.options().clientName() + "-";
            try {
                Recorder watcher = new Recorder();
                client.config().addConfigWatcher("k", null, watcher);
                client.naming().addNamingInstance(Instance.builder("hung", "10.0.0.5", 9000).build(),
                        Duration.ofMillis(200));
                client.naming().subscribe(new Recorder(), ServiceQuery.of("hung"), Duration.ofMillis(200));
                Await.until("first content", Duration.ofSeconds(10), () -> watcher.saw("v1"));

                server.fault("*", "/", Fault.pause());
                CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                    try {
                        client.naming().listNamingInstance(ServiceQuery.of("other"));
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                });
                Await.until("the call reached the hung server", Duration.ofSeconds(5),
                        () -> server.requests().stream().anyMatch(r -> "other".equals(
                                r.param("serviceName").map(s -> s.substring(s.indexOf("@@") + 2)).orElse(""))));

                long started = System.nanoTime();
                client.close();
                long closeMillis = (System.nanoTime() - started) / 1_000_000;
                Throwable failure = blocked.get(Await.seconds(5).toMillis(), TimeUnit.MILLISECONDS);
                long bound = timeout.toMillis() + Await.scaled(Duration.ofSeconds(1)).toMillis();
                System.out.println("[reliability] close() with a hung server: " + closeMillis + " ms (bound " + bound
                        + " ms); blocked call ended with " + failure);
                assertTrue(closeMillis <= bound, "close() took " + closeMillis + " ms");
                assertTrue(failure instanceof NacosException, "the blocked call failed cleanly: " + failure);
                Await.until(() -> "no thread of the client: " + Clients.nacosgiThreads(), Duration.ofSeconds(5),
                        () -> Threads.live().stream().noneMatch(n -> n.startsWith(prefix)));
            } finally {
                client.close();
                server.clearFaults();
            }
        }
    }

    @SuppressWarnings("unused")
    private static Instant now() {
        return Instant.now();
    }
}
