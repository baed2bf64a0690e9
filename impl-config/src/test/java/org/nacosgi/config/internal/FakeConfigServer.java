package org.nacosgi.config.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * An in-memory v1 config server behind {@link ScriptedTransport} for unit tests of the watcher: GET, the long-poll
 * listener (answers at once on an md5 difference or No-Hangup, else holds until a change or {@code hold}), as the
 * captures show. Publishing, deleting and holding are driven by the test. The testkit tests cover the real wire.
 */
final class FakeConfigServer implements AutoCloseable {
    private final Map<String, String> configs = new ConcurrentHashMap<>(); // "dataId^Bgroup" -> content
    private final List<Held> held = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-server-timer");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger listenerRequests = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    volatile long holdMillis = 30_000;

    private static final class Held {
        final Map<String, String> md5s;
        final CompletableFuture<NacosResponse> answer;

        Held(Map<String, String> md5s, CompletableFuture<NacosResponse> answer) {
            this.md5s = md5s;
            this.answer = answer;
        }
    }

    void install(ScriptedTransport transport) {
        transport.handler = this::handle;
    }

    int heldCount() {
        held.removeIf(h -> h.answer.isDone());
        return held.size();
    }

    synchronized void put(String dataId, String group, String content) {
        configs.put(dataId + "\u0002" + group, content);
        wake();
    }

    synchronized void delete(String dataId, String group) {
        configs.remove(dataId + "\u0002" + group);
        wake();
    }

    CompletableFuture<NacosResponse> handle(NacosRequest r) {
        if (r.path().equals("/v1/cs/configs") && r.method() == NacosRequest.Method.GET) {
            reads.incrementAndGet();
            String content = configs.get(r.query().get("dataId") + "\u0002" + r.query().get("group"));
            return CompletableFuture.completedFuture(content == null
                    ? ScriptedTransport.answer(404, "config data not exist\n")
                    : ScriptedTransport.answer(200, content));
        }
        if (r.path().equals("/v1/cs/configs/listener")) {
            listenerRequests.incrementAndGet();
            Map<String, String> md5s = new ConcurrentHashMap<>();
            String field = r.form().get("Listening-Configs");
            for (String line : field.split("\u0001")) {
                String[] f = line.split("\u0002", -1);
                md5s.put(f[0] + "\u0002" + f[1], f[2]);
            }
            CompletableFuture<NacosResponse> answer = new CompletableFuture<>();
            synchronized (this) { // check and hold atomically against put/delete, as a real server does
                String changed = changed(md5s);
                if (!changed.isEmpty() || "true".equals(r.headers().get("Long-Pulling-Timeout-No-Hangup"))) {
                    return CompletableFuture.completedFuture(ScriptedTransport.answer(200, changed));
                }
                held.add(new Held(md5s, answer));
            }
            timer.schedule(() -> answer.complete(ScriptedTransport.answer(200, "")), holdMillis, TimeUnit.MILLISECONDS);
            return answer;
        }
        return CompletableFuture.completedFuture(ScriptedTransport.answer(404, "no such route"));
    }

    private String changed(Map<String, String> md5s) {
        List<String> keys = new ArrayList<>();
        md5s.forEach((k, md5) -> {
            String content = configs.get(k);
            String now = content == null ? "" : Md5.of(content);
            if (!now.equals(md5)) {
                keys.add(k);
            }
        });
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            b.append(k).append('\u0001');
        }
        return URLEncoder.encode(b.toString(), StandardCharsets.UTF_8) + "\n";
    }

    private void wake() {
        for (Held h : held) {
            String changed = changed(h.md5s);
            if (!changed.isEmpty()) {
                h.answer.complete(ScriptedTransport.answer(200, changed));
                held.remove(h);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
