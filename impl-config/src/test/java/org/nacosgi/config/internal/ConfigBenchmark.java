package org.nacosgi.config.internal;

import com.alibaba.nacos.api.NacosFactory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.transport.internal.HttpRuntimeFactory;

/**
 * The config benchmarks of docs/benchmarks-config.md, one program, baselines in the same run: 10,000 watched keys
 * (long polls in flight, threads, heap), publish-to-callback latency against a bare HttpClient long-poll loop, and
 * getConfig throughput against a bare HttpClient loop and nacos-client 1.4.8. Arguments: the sections to run
 * ({@code watch latency throughput}, default all). Not a test: run it as docs/benchmarks-config.md says.
 */
public final class ConfigBenchmark {
    private static final Path TMP = tmp();

    private ConfigBenchmark() {
    }

    private static Path tmp() {
        try {
            return Files.createTempDirectory("nacosgi-bench");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        // the JDK HTTP server behind the testkit leaves Nagle on by default: ~40 ms per small exchange for everyone
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> sections = args.length == 0 ? List.of("watch", "latency", "throughput") : Arrays.asList(args);
        System.out.println("# nacosgi config benchmark: java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, limitTime="
                + System.getProperty("limitTime", "(default)"));
        if (sections.contains("watch")) {
            watch10k();
        }
        if (sections.contains("latency")) {
            latency();
        }
        if (sections.contains("throughput")) {
            throughput();
        }
        System.exit(0);
    }

    static ClientOptions.Builder options(NacosTestServer s, String client) {
        return ClientOptions.builder().serverAddr(s.serverAddr()).clientName(client)
                .failoverDir(TMP.resolve(client + "/failover")).snapshotDir(TMP.resolve(client + "/snapshot"));
    }

    // ---------------------------------------------------------------- 10,000 keys

    static void watch10k() throws Exception {
        int keys = 10_000;
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            for (int i = 0; i < keys; i++) {
                s.putConfig("", "DEFAULT_GROUP", "key-" + i, "value-" + i + "-0123456789", null);
            }
            ClientRuntime runtime = new HttpRuntimeFactory().create(options(s, "bench").build());
            HttpConfigService config = new HttpConfigService(runtime);
            config.getConfig("key-0"); // HTTP client and threads up before the baseline
            s.clearRequests(); // the testkit's request log lives in this JVM too: keep it out of both readings
            long heapBefore = usedHeapAfterGc();
            AtomicInteger firstCalls = new AtomicInteger();
            long t0 = System.nanoTime();
            for (int i = 0; i < keys; i++) {
                config.addConfigWatcher("key-" + i, null, e -> firstCalls.incrementAndGet());
            }
            // the most client threads (besides the callback pool) seen while the first calls and polls are awaited
            AtomicLong mostThreads = new AtomicLong();
            Runnable sample = () -> mostThreads.accumulateAndGet(countThreads("nacosgi-bench-", "-callback-")
                    + countThreads("HttpClient-", null), Math::max);
            await(Duration.ofSeconds(60), () -> {
                sample.run();
                return firstCalls.get() == keys;
            });
            long firstCallMillis = (System.nanoTime() - t0) / 1_000_000;
            // held polls restarted while keys were being added end on the server after their hold (29.5 s)
            await(Duration.ofSeconds(45), () -> {
                sample.run();
                return s.heldLongPolls() == 4 && config.watcher().pollsInFlight() == 4;
            });
            int heldNow = s.heldLongPolls();
            int inFlightNow = config.watcher().pollsInFlight();
            String threadsAtSetup = threads("nacosgi-bench-");
            s.clearRequests();
            long heapAfter = usedHeapAfterGc();
            // count what remains in the steady state, a long-poll round (30 s) and more later
            Thread.sleep(65_000);
            await(Duration.ofSeconds(45), () -> s.heldLongPolls() == 4);
            String threadsSteady = threads("nacosgi-bench-");
            long clientThreads = countThreads("nacosgi-bench-", "-callback-");
            long selectorThreads = countThreads("HttpClient-", null);
            System.out.println();
            System.out.println("## watch: " + keys + " keys, pullingConfigSize 3000");
            System.out.println("first calls for all keys delivered in " + firstCallMillis + " ms");
            System.out.println("batches " + config.watcher().batchCount() + ", long polls held on the server "
                    + heldNow + ", in flight in the client " + inFlightNow + ", after 65 s idle: held "
                    + s.heldLongPolls());
            System.out.println("threads right after setup: " + threadsAtSetup);
            System.out.println("most client threads excluding the callback pool seen during setup (sampled every"
                    + " 2 ms): " + mostThreads.get());
            System.out.println("threads in the steady state: " + threadsSteady);
            System.out.println("client threads excluding the callback pool (steady): nacosgi-bench-* " + clientThreads
                    + " + JDK HttpClient selector " + selectorThreads + " = " + (clientThreads + selectorThreads));
            System.out.printf("retained heap of the watch state: %.2f MB (%d watched items with their content; heap"
                    + " growth after GC, the in-process testkit's request log cleared, its 4 held polls included)%n",
                    (heapAfter - heapBefore) / 1048576.0, config.watchedCount());
            runtime.close();
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String threads(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith(prefix) || t.getName().startsWith("HttpClient-"))) {
                names.add(t.getName());
            }
        }
        Collections.sort(names);
        return names.size() + " " + names;
    }

    static long countThreads(String prefix, String excluded) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith(prefix))
                .filter(n -> excluded == null || !n.contains(excluded)).count();
    }

    // ---------------------------------------------------------------- latency

    static void latency() throws Exception {
        int warmup = 20;
        int rounds = 200;
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            s.putConfig("", "DEFAULT_GROUP", "lat-c", "c-0", null);
            s.putConfig("", "DEFAULT_GROUP", "lat-b", "b-0", null);
            ClientRuntime runtime = new HttpRuntimeFactory().create(options(s, "lat").build());
            HttpConfigService config = new HttpConfigService(runtime);
            BlockingQueue<Long> clientSeen = new LinkedBlockingQueue<>();
            AtomicBoolean first = new AtomicBoolean(true);
            config.addConfigWatcher("lat-c", null, e -> {
                if (!first.getAndSet(false)) {
                    clientSeen.add(System.nanoTime());
                }
            });
            BareLongPoll bare = new BareLongPoll(s.baseUrl(), "lat-b", "b-0");
            bare.start();
            await(Duration.ofSeconds(10), () -> s.heldLongPolls() == 2);
            List<Long> client = new ArrayList<>();
            List<Long> baseline = new ArrayList<>();
            for (int i = 1; i <= warmup + rounds; i++) {
                long t0 = System.nanoTime();
                s.putConfig("", "DEFAULT_GROUP", "lat-c", "c-" + i, null);
                Long seen = clientSeen.poll(10, TimeUnit.SECONDS);
                if (seen == null) {
                    throw new IllegalStateException("client missed change " + i);
                }
                if (i > warmup) {
                    client.add(seen - t0);
                }
                await(Duration.ofSeconds(10), () -> s.heldLongPolls() == 2);
                t0 = System.nanoTime();
                s.putConfig("", "DEFAULT_GROUP", "lat-b", "b-" + i, null);
                seen = bare.seen.poll(10, TimeUnit.SECONDS);
                if (seen == null) {
                    throw new IllegalStateException("bare loop missed change " + i);
                }
                if (i > warmup) {
                    baseline.add(seen - t0);
                }
                await(Duration.ofSeconds(10), () -> s.heldLongPolls() == 2);
            }
            bare.stop();
            runtime.close();
            double mc = median(client) / 1e6;
            double mb = median(baseline) / 1e6;
            System.out.println();
            System.out.println("## publish-to-callback latency (" + rounds + " changes each, " + warmup
                    + " warm-up; the change is stored in the testkit in-process, dump delay 0)");
            System.out.printf("nacosgi listener callback: median %.2f ms, p90 %.2f ms%n", mc, pct(client, 90) / 1e6);
            System.out.printf("bare HttpClient long-poll + GET loop: median %.2f ms, p90 %.2f ms%n", mb,
                    pct(baseline, 90) / 1e6);
            System.out.printf("difference of medians: %.2f ms (ratio %.2f)%n", mc - mb, mc / mb);
        }
    }

    /** The baseline: one thread, plain HttpClient, POST listener -> on change GET -> repeat; records arrival time. */
    static final class BareLongPoll implements Runnable {
        final BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String dataId;
        private volatile String md5;
        private volatile boolean stop;
        private final Thread thread = new Thread(this, "bare-long-poll");

        BareLongPoll(String base, String dataId, String content) {
            this.base = base;
            this.dataId = dataId;
            this.md5 = Md5.of(content);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            stop = true;
            thread.interrupt();
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    String field = dataId + "\u0002DEFAULT_GROUP\u0002" + md5 + "\u0001";
                    HttpRequest poll = HttpRequest.newBuilder(URI.create(base + "/v1/cs/configs/listener"))
                            .header("Long-Pulling-Timeout", "30000")
                            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                            .timeout(Duration.ofSeconds(40))
                            .POST(HttpRequest.BodyPublishers.ofString("Listening-Configs="
                                    + URLEncoder.encode(field, StandardCharsets.UTF_8)))
                            .build();
                    HttpResponse<String> r = http.send(poll, HttpResponse.BodyHandlers.ofString());
                    if (r.body().isBlank()) {
                        continue;
                    }
                    HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/v1/cs/configs?dataId=" + dataId
                            + "&group=DEFAULT_GROUP")).timeout(Duration.ofSeconds(5)).GET().build();
                    HttpResponse<String> c = http.send(get, HttpResponse.BodyHandlers.ofString());
                    md5 = Md5.of(c.body());
                    seen.add(System.nanoTime());
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (!stop) {
                        System.err.println("bare loop: " + e);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- throughput

    interface Getter {
        String get() throws Exception;
    }

    static void throughput() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            String content = "server.port=8080\nfeature.flag=true\n" + "x".repeat(64);
            s.putConfig("", "DEFAULT_GROUP", "tp.properties", content, "properties");
            ClientRuntime runtime = new HttpRuntimeFactory().create(options(s, "tp").build());
            HttpConfigService nacosgi = new HttpConfigService(runtime);
            HttpClient bareClient = HttpClient.newHttpClient();
            URI uri = URI.create(s.baseUrl() + "/v1/cs/configs?dataId=tp.properties&group=DEFAULT_GROUP");
            Getter bare = () -> {
                HttpResponse<String> r = bareClient.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
                return r.body();
            };
            System.setProperty("JM.SNAPSHOT.PATH", TMP.resolve("nacos-client").toString());
            System.setProperty("JM.LOG.PATH", TMP.resolve("nacos-client-logs").toString());
            Properties p = new Properties();
            p.setProperty("serverAddr", s.serverAddr());
            com.alibaba.nacos.api.config.ConfigService official = NacosFactory.createConfigService(p);
            Getter nacos148 = () -> official.getConfig("tp.properties", "DEFAULT_GROUP", 3000);
            Getter ours = () -> nacosgi.getConfig("tp.properties", "DEFAULT_GROUP");
            org.nacosgi.api.spi.NacosRequest raw = org.nacosgi.api.spi.NacosRequest.get("/v1/cs/configs")
                    .query("dataId", "tp.properties").query("group", "DEFAULT_GROUP").build();
            Getter transportOnly = () -> runtime.transport().send(raw).body();
            check(ours, content, "nacosgi");
            check(bare, content, "bare");
            check(transportOnly, content, "transport");
            check(nacos148, content, "nacos-client 1.4.8");
            System.out.println();
            System.out.println("## getConfig throughput (calls/s; median of 5 windows of 2 s after 2 s warm-up)");
            System.out.println("| threads | bare HttpClient | nacosgi transport only | nacosgi getConfig | nacos-client 1.4.8"
                    + " | getConfig / bare | getConfig / transport | getConfig / 1.4.8 |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (int threads : new int[] {1, 8}) {
                double b = rate(bare, threads);
                double t = rate(transportOnly, threads);
                double o = rate(ours, threads);
                double n = rate(nacos148, threads);
                System.out.printf("| %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |%n", threads, b, t, o, n,
                        o / b, o / t, o / n);
            }
            official.shutDown();
            runtime.close();
        }
    }

    static void check(Getter g, String expected, String name) throws Exception {
        String got = g.get();
        if (!expected.equals(got)) {
            throw new IllegalStateException(name + " read " + got);
        }
    }

    /** Median calls/s over 5 windows of 2 s with {@code threads} threads calling {@code g} in a loop. */
    static double rate(Getter g, int threads) throws Exception {
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try {
                            g.get();
                            calls.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-caller-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(2000);
        List<Long> windows = new ArrayList<>();
        for (int w = 0; w < 5; w++) {
            long c0 = calls.get();
            long t0 = System.nanoTime();
            Thread.sleep(2000);
            windows.add((calls.get() - c0) * 1_000_000_000L / (System.nanoTime() - t0));
        }
        stop.set(true);
        done.await(30, TimeUnit.SECONDS);
        if (errors.get() > 0) {
            System.out.println("(" + errors.get() + " failed calls with " + threads + " threads)");
        }
        return median(windows);
    }

    // ---------------------------------------------------------------- helpers

    static double median(List<Long> values) {
        return pct(values, 50);
    }

    static double pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double rank = p / 100.0 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
    }

    static void await(Duration d, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("condition not reached within " + d);
            }
            Thread.sleep(2);
        }
    }
}
