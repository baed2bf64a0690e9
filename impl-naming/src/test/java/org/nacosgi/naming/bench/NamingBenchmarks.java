package org.nacosgi.naming.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/**
 * The naming benchmarks of docs/benchmarks-naming.md, each against the testkit and, in the same run, against the
 * seed SDK (nacos-client 1.4.8) as the baseline:
 * <ul>
 * <li>{@code beats}: 1,000 ephemeral instances per client heartbeating; client CPU per beat, heap, threads;</li>
 * <li>{@code latency}: change-to-listener latency with UDP push, and with push disabled (polling);</li>
 * <li>{@code restart}: the testkit restarts forgetting ephemeral instances; time until all are registered again.</li>
 * </ul>
 * Run: {@code mvn -o -q -pl impl-naming -am test-compile -Pbench-naming} (see the pom's profile) or
 * {@code java -cp <test classpath> org.nacosgi.naming.bench.NamingBenchmarks [beats|latency|restart]...}.
 */
public final class NamingBenchmarks {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final String NACOSGI_UA = "nacosgi/";
    private static final Predicate<String> NACOSGI_THREADS = n -> n.startsWith("nacosgi-bench") || n.startsWith("HttpClient-");
    private static final Predicate<String> SEED_THREADS = n -> n.startsWith("com.alibaba.nacos");

    private NamingBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("beats", "latency", "restart") : List.of(args);
        Path tmp = Files.createTempDirectory("nacosgi-bench");
        // keep the seed SDK's files out of the home directory
        System.setProperty("com.alibaba.nacos.naming.cache.dir", tmp.resolve("seed-naming").toString());
        System.setProperty("JM.LOG.PATH", tmp.resolve("seed-logs").toString());
        System.setProperty("JM.SNAPSHOT.PATH", tmp.resolve("seed-snapshot").toString());
        System.out.printf(Locale.ROOT, "java %s, %d cpus, %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"));
        for (String w : which) {
            switch (w) {
                case "beats":
                    beats(tmp, Integer.getInteger("bench.instances", 1000), Integer.getInteger("bench.windows", 5));
                    break;
                case "latency":
                    latency(tmp, Integer.getInteger("bench.changes", 40));
                    break;
                case "restart":
                    restart(tmp, Integer.getInteger("bench.restartInstances", 1000), Integer.getInteger("bench.restarts", 3));
                    break;
                default:
                    throw new IllegalArgumentException("unknown benchmark " + w);
            }
        }
        System.exit(0); // the seed SDK leaves non-daemon threads behind
    }

    // ---------------------------------------------------------------------------------------------------- beats

    static void beats(Path tmp, int instances, int windows) throws Exception {
        System.out.printf(Locale.ROOT, "%n== beats: %d ephemeral instances per client, server clientBeatInterval 5 s%n",
                instances);
        try (NacosTestServer server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2)
                .start()) {
            long heap0 = usedHeapAfterGc();
            int threads0 = Thread.activeCount();
            NacosClient client = nacosgi(server, tmp, true);
            NamingService naming = client.naming();
            long t = System.nanoTime();
            for (int k = 0; k < instances; k++) {
                naming.addNamingInstance(Instance.builder("bench-" + (k % 10), ip(k), 8000 + k / 250).build());
            }
            double nacosgiRegisterMs = (System.nanoTime() - t) / 1e6;
            long heap1 = usedHeapAfterGc();
            int threads1 = Thread.activeCount();

            com.alibaba.nacos.api.naming.NamingService seed = seed(server);
            t = System.nanoTime();
            for (int k = 0; k < instances; k++) {
                com.alibaba.nacos.api.naming.pojo.Instance i = new com.alibaba.nacos.api.naming.pojo.Instance();
                i.setIp(ip(k));
                i.setPort(9000 + k / 250);
                i.setEphemeral(true);
                seed.registerInstance("seed-" + (k % 10), i);
            }
            double seedRegisterMs = (System.nanoTime() - t) / 1e6;
            long heap2 = usedHeapAfterGc();
            int threads2 = Thread.activeCount();

            // warm up: every instance beats at least twice, the JIT settles
            waitFor(Duration.ofSeconds(12));
            List<double[]> rows = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                server.clearRequests();
                Map<Long, Long> cpu0 = cpuByThread();
                waitFor(Duration.ofSeconds(10));
                Map<Long, Long> cpu1 = cpuByThread();
                long nacosgiBeats = 0;
                long seedBeats = 0;
                for (RecordedRequest r : server.requests()) {
                    if (r.path().endsWith("/v1/ns/instance/beat")) {
                        if (r.header("User-Agent").orElse("").contains(NACOSGI_UA)) {
                            nacosgiBeats++;
                        } else {
                            seedBeats++;
                        }
                    }
                }
                long nacosgiCpu = cpuDelta(cpu0, cpu1, NACOSGI_THREADS);
                long seedCpu = cpuDelta(cpu0, cpu1, SEED_THREADS);
                rows.add(new double[] {nacosgiBeats, nacosgiCpu / 1e3 / Math.max(1, nacosgiBeats), seedBeats,
                        seedCpu / 1e3 / Math.max(1, seedBeats)});
                System.out.printf(Locale.ROOT, "window %d: nacosgi %5d beats %7.1f us CPU/beat | nacos-client 1.4.8 %5d beats %7.1f us CPU/beat%n",
                        w + 1, nacosgiBeats, rows.get(w)[1], seedBeats, rows.get(w)[3]);
            }
            double nMedian = median(rows, 1);
            double sMedian = median(rows, 3);
            System.out.printf(Locale.ROOT, "median CPU per beat: nacosgi %.1f us, nacos-client 1.4.8 %.1f us, ratio seed/nacosgi %.2f%n",
                    nMedian, sMedian, sMedian / nMedian);
            System.out.printf(Locale.ROOT, "median beats per 10 s: nacosgi %.0f, nacos-client 1.4.8 %.0f (expected %d: one per instance per 5 s)%n",
                    median(rows, 0), median(rows, 2), instances * 2);
            System.out.printf(Locale.ROOT, "heap retained after GC: nacosgi client + %d instances %.1f MiB, nacos-client 1.4.8 + %d instances %.1f MiB%n",
                    instances, (heap1 - heap0) / 1048576.0, instances, (heap2 - heap1) / 1048576.0);
            System.out.printf(Locale.ROOT, "registration of %d instances (sequential, blocking): nacosgi %.0f ms, nacos-client 1.4.8 %.0f ms%n",
                    instances, nacosgiRegisterMs, seedRegisterMs);
            System.out.printf(Locale.ROOT, "JVM threads: %d before, +%d with nacosgi, +%d with nacos-client 1.4.8%n",
                    threads0, threads1 - threads0, threads2 - threads1);
            System.out.println("nacosgi threads by role: " + threadRoles(NACOSGI_THREADS));
            System.out.println("nacos-client 1.4.8 threads by role: " + threadRoles(SEED_THREADS));
            System.out.println("threads that ran nacosgi beat work in the last window: "
                    + activeThreads(NACOSGI_THREADS));
            seed.shutDown();
            client.close();
        }
    }

    // -------------------------------------------------------------------------------------------------- latency

    static void latency(Path tmp, int changes) throws Exception {
        System.out.printf(Locale.ROOT, "%n== latency: register/deregister -> listener event, testkit listDelay 0, %d changes%n",
                changes);
        try (NacosTestServer server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2)
                .start()) {
            NacosClient publisherClient = nacosgi(server, tmp.resolve("pub"), false, "bench-pub");
            NamingService publisher = publisherClient.naming();

            NacosClient pushClient = nacosgi(server, tmp.resolve("push"), true, "bench");
            List<Double> push = measure(publisher, pushClient.naming(), "lat-push", Duration.ofSeconds(7), changes);
            pushClient.close();

            Duration interval = Duration.ofSeconds(1);
            NacosClient pollClient = nacosgi(server, tmp.resolve("poll"), false, "bench");
            List<Double> poll = measure(publisher, pollClient.naming(), "lat-poll", interval, changes);
            pollClient.close();

            com.alibaba.nacos.api.naming.NamingService seed = seed(server);
            List<Double> seedLatency = measureSeed(publisher, seed, "lat-seed", changes);
            seed.shutDown();
            publisherClient.close();

            report("nacosgi, UDP push (poll every 7 s)", push);
            report("nacosgi, push disabled, poll every " + interval.toMillis() + " ms", poll);
            report("nacos-client 1.4.8 (UDP push, polls every 10 s)", seedLatency);
            System.out.printf(Locale.ROOT, "ratio of medians nacos-client 1.4.8 / nacosgi push: %.2f%n",
                    median(seedLatency) / median(push));
        }
    }

    private static List<Double> measure(NamingService publisher, NamingService subscriber, String service,
            Duration interval, int changes) throws Exception {
        BlockingQueue<long[]> events = new ArrayBlockingQueue<>(1024);
        subscriber.subscribe(e -> events.add(new long[] {System.nanoTime(), signature(e)}), ServiceQuery.of(service),
                interval);
        take(events, Duration.ofSeconds(10)); // the first event: current instances
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < changes; k++) {
            Instance i = Instance.builder(service, "10.9.0.1", 7000 + k).ephemeral(false).build();
            long t0 = System.nanoTime();
            publisher.addNamingInstance(i);
            long[] ev = take(events, Duration.ofSeconds(20));
            out.add((ev[0] - t0) / 1e6);
            t0 = System.nanoTime();
            publisher.removeNamingInstance(i);
            ev = take(events, Duration.ofSeconds(20));
            out.add((ev[0] - t0) / 1e6);
        }
        subscriber.stopSubscribe();
        return out;
    }

    private static List<Double> measureSeed(NamingService publisher, com.alibaba.nacos.api.naming.NamingService seed,
            String service, int changes) throws Exception {
        BlockingQueue<long[]> events = new ArrayBlockingQueue<>(1024);
        seed.subscribe(service, e -> events.add(new long[] {System.nanoTime(),
                ((com.alibaba.nacos.api.naming.listener.NamingEvent) e).getInstances().size()}));
        List<Double> out = new ArrayList<>();
        int expected = 0;
        for (int k = 0; k < changes; k++) {
            Instance i = Instance.builder(service, "10.9.0.1", 7000 + k).ephemeral(false).build();
            long t0 = System.nanoTime();
            publisher.addNamingInstance(i);
            out.add(waitForCount(events, expected + 1, t0));
            t0 = System.nanoTime();
            publisher.removeNamingInstance(i);
            out.add(waitForCount(events, expected, t0));
        }
        seed.unsubscribe(service, e -> { });
        return out;
    }

    private static double waitForCount(BlockingQueue<long[]> events, int count, long t0) throws Exception {
        while (true) {
            long[] ev = take(events, Duration.ofSeconds(30));
            if (ev[1] == count) {
                return (ev[0] - t0) / 1e6;
            }
        }
    }

    private static long signature(NamingEvent e) {
        return e.instances().size();
    }

    private static long[] take(BlockingQueue<long[]> q, Duration max) throws InterruptedException {
        long[] e = q.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new IllegalStateException("no event within " + max);
        }
        return e;
    }

    // -------------------------------------------------------------------------------------------------- restart

    static void restart(Path tmp, int instances, int restarts) throws Exception {
        System.out.printf(Locale.ROOT, "%n== restart: testkit restart(forgetEphemeral=true) with %d instances per client%n",
                instances);
        try (NacosTestServer server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2)
                .start()) {
            NacosClient client = nacosgi(server, tmp.resolve("restart"), false, "bench");
            NamingService naming = client.naming();
            for (int k = 0; k < instances; k++) {
                naming.addNamingInstance(Instance.builder("again", ip(k), 8000).build());
            }
            com.alibaba.nacos.api.naming.NamingService seed = seed(server);
            for (int k = 0; k < instances; k++) {
                com.alibaba.nacos.api.naming.pojo.Instance i = new com.alibaba.nacos.api.naming.pojo.Instance();
                i.setIp(ip(k));
                i.setPort(9000);
                seed.registerInstance("seed-again", i);
            }
            waitFor(Duration.ofSeconds(6)); // every instance has beaten once: both clients beat light now
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int r = 0; r < restarts; r++) {
                server.restart(true);
                long t0 = System.nanoTime();
                double a = -1;
                double b = -1;
                long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
                while ((a < 0 || b < 0) && System.nanoTime() < deadline) {
                    if (a < 0 && server.instances("", "DEFAULT_GROUP@@again").size() == instances) {
                        a = (System.nanoTime() - t0) / 1e6;
                    }
                    if (b < 0 && server.instances("", "DEFAULT_GROUP@@seed-again").size() == instances) {
                        b = (System.nanoTime() - t0) / 1e6;
                    }
                    Thread.sleep(5); // a measurement loop, not a test wait
                }
                ours.add(a);
                theirs.add(b);
                System.out.printf(Locale.ROOT, "restart %d: all %d registered again after nacosgi %.0f ms, nacos-client 1.4.8 %.0f ms%n",
                        r + 1, instances, a, b);
                waitFor(Duration.ofSeconds(6));
            }
            System.out.printf(Locale.ROOT, "median time to all re-registered: nacosgi %.0f ms, nacos-client 1.4.8 %.0f ms (beat interval 5000 ms), ratio %.2f%n",
                    median(ours), median(theirs), median(theirs) / median(ours));
            seed.shutDown();
            client.close();
        }
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static NacosClient nacosgi(NacosTestServer server, Path dir, boolean push) {
        return nacosgi(server, dir, push, "bench");
    }

    private static NacosClient nacosgi(NacosTestServer server, Path dir, boolean push, String name) {
        return NacosClients.create(ClientOptions.builder().serverAddr(server.serverAddr()).clientName(name)
                .namingCacheDir(dir.resolve("naming-" + name)).pushEnabled(push).logLevel(System.Logger.Level.WARNING)
                .build());
    }

    private static com.alibaba.nacos.api.naming.NamingService seed(NacosTestServer server) throws Exception {
        Properties p = new Properties();
        p.setProperty("serverAddr", server.serverAddr());
        return com.alibaba.nacos.api.naming.NamingFactory.createNamingService(p);
    }

    private static String ip(int k) {
        return "10." + (k >> 16 & 255) + "." + (k >> 8 & 255) + "." + (k & 255);
    }

    private static Map<Long, Long> cpuByThread() {
        Map<Long, Long> m = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                m.put(id, cpu);
            }
        }
        return m;
    }

    private static long cpuDelta(Map<Long, Long> before, Map<Long, Long> after, Predicate<String> which) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = THREADS.getThreadInfo(e.getKey());
            if (info != null && which.test(info.getThreadName())) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    private static Map<String, Integer> threadRoles(Predicate<String> which) {
        Map<String, Integer> roles = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && which.test(t.getName())) {
                roles.merge(t.getName().replaceAll("-?\\d+$", "").replaceAll("-\\d+-", "-n-"), 1, Integer::sum);
            }
        }
        return roles;
    }

    private static List<String> activeThreads(Predicate<String> which) throws InterruptedException {
        Map<Long, Long> a = cpuByThread();
        waitFor(Duration.ofSeconds(5));
        Map<Long, Long> b = cpuByThread();
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, Long> e : b.entrySet()) {
            ThreadInfo info = THREADS.getThreadInfo(e.getKey());
            long d = e.getValue() - a.getOrDefault(e.getKey(), 0L);
            if (info != null && which.test(info.getThreadName()) && d > 0) {
                out.add(String.format(Locale.ROOT, "%s %.1f ms", info.getThreadName(), d / 1e6));
            }
        }
        Collections.sort(out);
        return out;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        List<Long> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(200);
            samples.add(MEMORY.getHeapMemoryUsage().getUsed());
        }
        Collections.sort(samples);
        return samples.get(1);
    }

    private static void waitFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis()); // a measurement window, not a wait for an event
    }

    private static double median(List<double[]> rows, int column) {
        List<Double> v = new ArrayList<>();
        for (double[] r : rows) {
            v.add(r[column]);
        }
        return median(v);
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return v.get(Math.min(v.size() - 1, (int) Math.ceil(p * v.size()) - 1));
    }

    private static void report(String what, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-52s n=%d median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, ms.size(),
                median(ms), percentile(ms, 0.9), percentile(ms, 1.0));
    }
}
