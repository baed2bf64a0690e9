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
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;

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
        System.out.printf(Locale.ROOT, "%n== beats: %d ephemeral instances per client, server clientBeatInterval 5 s,"
                + " testkit in its own JVM%n", instances);
        try (ServerProcess server = ServerProcess.start()) {
            long heap0 = usedHeapAfterGc();
            int threads0 = Thread.activeCount();
            NacosClient client = nacosgi(server.serverAddr(), tmp, true, "bench");
            NamingService naming = client.naming();
            naming.addNamingInstance(Instance.builder("bench-0", ip(0), 8000).build());
            long heap0a = usedHeapAfterGc();
            long t = System.nanoTime();
            for (int k = 1; k < instances; k++) {
                naming.addNamingInstance(Instance.builder("bench-" + (k % 10), ip(k), 8000).build());
            }
            double nacosgiRegisterMs = (System.nanoTime() - t) / 1e6;
            long heap1 = usedHeapAfterGc();
            int threads1 = Thread.activeCount();

            com.alibaba.nacos.api.naming.NamingService seed = seed(server.serverAddr());
            com.alibaba.nacos.api.naming.pojo.Instance first = new com.alibaba.nacos.api.naming.pojo.Instance();
            first.setIp(ip(0));
            first.setPort(9000);
            seed.registerInstance("seed-0", first);
            long heap1a = usedHeapAfterGc();
            t = System.nanoTime();
            for (int k = 1; k < instances; k++) {
                com.alibaba.nacos.api.naming.pojo.Instance i = new com.alibaba.nacos.api.naming.pojo.Instance();
                i.setIp(ip(k));
                i.setPort(9000);
                i.setEphemeral(true);
                seed.registerInstance("seed-" + (k % 10), i);
            }
            double seedRegisterMs = (System.nanoTime() - t) / 1e6;
            long heap2 = usedHeapAfterGc();
            int threads2 = Thread.activeCount();

            // warm up: every instance beats at least twice, the JIT settles
            waitFor(Duration.ofSeconds(12));
            List<double[]> rows = new ArrayList<>();
            server.command("beats");
            for (int w = 0; w < windows; w++) {
                Map<Long, Long> cpu0 = cpuByThread();
                waitFor(Duration.ofSeconds(10));
                Map<Long, Long> cpu1 = cpuByThread();
                String[] counts = server.command("beats").split(" ");
                long nacosgiBeats = Long.parseLong(counts[0]);
                long seedBeats = Long.parseLong(counts[1]);
                long nacosgiCpu = cpuDelta(cpu0, cpu1, NACOSGI_THREADS);
                long seedCpu = cpuDelta(cpu0, cpu1, SEED_THREADS);
                rows.add(new double[] {nacosgiBeats, nacosgiCpu / 1e3 / Math.max(1, nacosgiBeats), seedBeats,
                        seedCpu / 1e3 / Math.max(1, seedBeats), nacosgiCpu / 1e6, seedCpu / 1e6});
                System.out.printf(Locale.ROOT, "window %d: nacosgi %5d beats, %6.1f ms CPU, %6.1f us/beat | "
                        + "nacos-client 1.4.8 %5d beats, %6.1f ms CPU, %6.1f us/beat%n", w + 1, nacosgiBeats,
                        nacosgiCpu / 1e6, rows.get(w)[1], seedBeats, seedCpu / 1e6, rows.get(w)[3]);
            }
            double nMedian = median(rows, 1);
            double sMedian = median(rows, 3);
            System.out.printf(Locale.ROOT, "median CPU per beat: nacosgi %.1f us, nacos-client 1.4.8 %.1f us, ratio seed/nacosgi %.2f%n",
                    nMedian, sMedian, sMedian / nMedian);
            System.out.printf(Locale.ROOT, "median client CPU per 10 s: nacosgi %.0f ms, nacos-client 1.4.8 %.0f ms%n",
                    median(rows, 4), median(rows, 5));
            System.out.printf(Locale.ROOT, "median beats per 10 s: nacosgi %.0f, nacos-client 1.4.8 %.0f (needed: %d, one per instance per 5 s)%n",
                    median(rows, 0), median(rows, 2), instances * 2);
            System.out.printf(Locale.ROOT, "heap retained after GC: nacosgi client + %d instances %.1f MiB, nacos-client 1.4.8 + %d instances %.1f MiB%n",
                    instances, (heap1 - heap0) / 1048576.0, instances, (heap2 - heap1) / 1048576.0);
            System.out.printf(Locale.ROOT, "heap per registered instance: nacosgi %.0f bytes, nacos-client 1.4.8 %.0f bytes%n",
                    (heap1 - heap0a) / (double) (instances - 1), (heap2 - heap1a) / (double) (instances - 1));
            System.out.printf(Locale.ROOT, "registration of %d instances (sequential, blocking): nacosgi %.0f ms, nacos-client 1.4.8 %.0f ms%n",
                    instances, nacosgiRegisterMs, seedRegisterMs);
            System.out.printf(Locale.ROOT, "JVM threads: %d before, +%d with nacosgi, +%d with nacos-client 1.4.8%n",
                    threads0, threads1 - threads0, threads2 - threads1);
            System.out.println("nacosgi threads by role: " + threadRoles(NACOSGI_THREADS));
            System.out.println("nacos-client 1.4.8 threads by role: " + threadRoles(SEED_THREADS));
            System.out.println("nacosgi threads with CPU time in a 5 s window: " + activeThreads(NACOSGI_THREADS));
            seed.shutDown();
            client.close();
        }
    }

    // -------------------------------------------------------------------------------------------------- latency

    static void latency(Path tmp, int changes) throws Exception {
        System.out.printf(Locale.ROOT, "%n== latency: register/deregister -> listener event, testkit listDelay 0, %d changes each%n",
                changes);
        Random random = new Random(1);
        try (NacosTestServer server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2)
                .start()) {
            NacosClient publisherClient = nacosgi(server, tmp.resolve("pub"), false, "bench-pub");
            NamingService publisher = publisherClient.naming();
            NacosClient pushClient = nacosgi(server, tmp.resolve("push"), true, "bench");
            com.alibaba.nacos.api.naming.NamingService seed = seed(server);

            Probe ours = new Probe(publisher, "lat-push");
            pushClient.naming().subscribe(e -> ours.events.add(new long[] {System.nanoTime(), e.instances().size()}),
                    ServiceQuery.of("lat-push"), NamingService.DEFAULT_SUBSCRIBE_INTERVAL);
            Probe theirs = new Probe(publisher, "lat-seed");
            seed.subscribe("lat-seed", e -> theirs.events.add(new long[] {System.nanoTime(),
                    ((com.alibaba.nacos.api.naming.listener.NamingEvent) e).getInstances().size()}));
            ours.warmUp(5, random, Duration.ofMillis(50));
            theirs.warmUp(5, random, Duration.ofMillis(50));
            // alternate, so both see the same machine load
            for (int round = 0; round < 4; round++) {
                ours.run(changes / 4, random, Duration.ofMillis(50));
                theirs.run(changes / 4, random, Duration.ofMillis(50));
            }
            pushClient.close();
            seed.shutDown();

            Duration interval = Duration.ofSeconds(1);
            NacosClient pollClient = nacosgi(server, tmp.resolve("poll"), false, "bench");
            Probe polled = new Probe(publisher, "lat-poll");
            pollClient.naming().subscribe(e -> polled.events.add(new long[] {System.nanoTime(), e.instances().size()}),
                    ServiceQuery.of("lat-poll"), interval);
            polled.warmUp(1, random, interval);
            // changes at random moments within the poll interval
            polled.run(changes, random, interval);
            pollClient.close();
            publisherClient.close();

            report("nacosgi, UDP push (polls every 7 s)", ours.latencies);
            report("nacos-client 1.4.8, UDP push (polls every 10 s)", theirs.latencies);
            report("nacosgi, push disabled, polls every " + interval.toMillis() + " ms", polled.latencies);
            System.out.printf(Locale.ROOT, "ratio of push medians nacos-client 1.4.8 / nacosgi: %.2f%n",
                    median(theirs.latencies) / median(ours.latencies));
        }
    }

    /** Changes a service (register, then deregister an instance) and times the listener's matching event. */
    private static final class Probe {
        final NamingService publisher;
        final String service;
        final BlockingQueue<long[]> events = new ArrayBlockingQueue<>(4096);
        final List<Double> latencies = new ArrayList<>();
        int port = 7000;

        Probe(NamingService publisher, String service) {
            this.publisher = publisher;
            this.service = service;
        }

        void warmUp(int n, Random random, Duration spread) throws Exception {
            List<Double> keep = new ArrayList<>(latencies);
            run(n, random, spread);
            latencies.clear();
            latencies.addAll(keep);
        }

        void run(int n, Random random, Duration spread) throws Exception {
            for (int k = 0; k < n; k++) {
                Instance i = Instance.builder(service, "10.9.0.1", port++).ephemeral(false).build();
                pause(random, spread);
                long t0 = System.nanoTime();
                publisher.addNamingInstance(i);
                latencies.add(until(1, t0));
                pause(random, spread);
                t0 = System.nanoTime();
                publisher.removeNamingInstance(i);
                latencies.add(until(0, t0));
            }
        }

        private double until(int count, long t0) throws InterruptedException {
            while (true) {
                long[] ev = take(events, Duration.ofSeconds(30));
                if (ev[1] == count && ev[0] >= t0) {
                    return (ev[0] - t0) / 1e6;
                }
            }
        }

        private static void pause(Random random, Duration spread) throws InterruptedException {
            Thread.sleep((long) (random.nextDouble() * spread.toMillis())); // a random phase, not a wait for an event
        }
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
        System.out.printf(Locale.ROOT, "%n== restart: testkit restart(forgetEphemeral=true), %d instances, %d restarts;"
                + " each client alone against its own testkit JVM%n", instances, restarts);
        List<Double> ours;
        try (ServerProcess server = ServerProcess.start()) {
            NacosClient client = nacosgi(server.serverAddr(), tmp.resolve("restart"), false, "bench");
            NamingService naming = client.naming();
            for (int k = 0; k < instances; k++) {
                naming.addNamingInstance(Instance.builder("again", ip(k), 8000).build());
            }
            ours = restarts(server, "nacosgi", "DEFAULT_GROUP@@again", instances, restarts);
            client.close();
        }
        List<Double> theirs;
        try (ServerProcess server = ServerProcess.start()) {
            com.alibaba.nacos.api.naming.NamingService seed = seed(server.serverAddr());
            for (int k = 0; k < instances; k++) {
                com.alibaba.nacos.api.naming.pojo.Instance i = new com.alibaba.nacos.api.naming.pojo.Instance();
                i.setIp(ip(k));
                i.setPort(9000);
                seed.registerInstance("seed-again", i);
            }
            theirs = restarts(server, "nacos-client 1.4.8", "DEFAULT_GROUP@@seed-again", instances, restarts);
            seed.shutDown();
        }
        System.out.printf(Locale.ROOT, "median time until all %d re-registered (beat interval 5000 ms): nacosgi %s, nacos-client 1.4.8 %s%n",
                instances, ms(median(ours)), ms(median(theirs)));
    }

    private static List<Double> restarts(ServerProcess server, String who, String service, int instances, int restarts)
            throws Exception {
        waitFor(Duration.ofSeconds(11)); // every instance has beaten: beats are light now
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < restarts; r++) {
            server.command("restart");
            long t0 = System.nanoTime();
            double a = -1;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
            while (a < 0 && System.nanoTime() < deadline) {
                if (Integer.parseInt(server.command("count " + service)) == instances) {
                    a = (System.nanoTime() - t0) / 1e6;
                }
                Thread.sleep(10); // a measurement loop, not a test wait
            }
            out.add(a < 0 ? Double.POSITIVE_INFINITY : a);
            int now = Integer.parseInt(server.command("count " + service));
            System.out.printf(Locale.ROOT, "%s restart %d: all %d registered again after %s (%d after the loop)%n", who,
                    r + 1, instances, ms(a), now);
            waitFor(Duration.ofSeconds(11)); // beats light again before the next restart
        }
        return out;
    }

    private static String ms(double v) {
        return v < 0 || Double.isInfinite(v) ? "not within 30 s" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    /** The testkit in a child JVM (see {@link BenchServer}). */
    private static final class ServerProcess implements AutoCloseable {
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.PrintWriter in;
        private final String serverAddr;

        private ServerProcess(Process p) throws java.io.IOException {
            this.process = p;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            this.in = new java.io.PrintWriter(new java.io.OutputStreamWriter(p.getOutputStream(),
                    java.nio.charset.StandardCharsets.UTF_8), true);
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // skip log lines
            }
            if (line == null) {
                throw new IllegalStateException("the testkit process did not start");
            }
            this.serverAddr = line.substring("READY ".length());
        }

        static ServerProcess start() throws java.io.IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BenchServer.class.getName());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            return new ServerProcess(pb.start());
        }

        String serverAddr() {
            return serverAddr;
        }

        synchronized String command(String c) throws java.io.IOException {
            in.println(c);
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the testkit process ended");
            }
            return line;
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- helpers

    private static NacosClient nacosgi(NacosTestServer server, Path dir, boolean push, String name) {
        return nacosgi(server.serverAddr(), dir, push, name);
    }

    private static NacosClient nacosgi(String serverAddr, Path dir, boolean push, String name) {
        return NacosClients.create(ClientOptions.builder().serverAddr(serverAddr).clientName(name)
                .namingCacheDir(dir.resolve("naming-" + name)).pushEnabled(push).logLevel(System.Logger.Level.WARNING)
                .build());
    }

    private static com.alibaba.nacos.api.naming.NamingService seed(NacosTestServer server) throws Exception {
        return seed(server.serverAddr());
    }

    private static com.alibaba.nacos.api.naming.NamingService seed(String serverAddr) throws Exception {
        Properties p = new Properties();
        p.setProperty("serverAddr", serverAddr);
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

    /** The least of 5 readings taken right after a full GC: the clients keep allocating between readings. */
    private static long usedHeapAfterGc() {
        long min = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            System.gc();
            min = Math.min(min, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return min;
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
