package org.nacosgi.transport.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

/**
 * Transport overhead: the same config GET, sequentially, through {@code Transport.send} and through a bare
 * {@link HttpClient} (HTTP/1.1) against one in-process server. Two baselines: "bare, same request" sends exactly
 * what the transport puts on the wire (headers, RequestId, timeout), built per call as a caller would; "bare,
 * minimal" reuses one request without headers or timeout. Sides run in short rounds, back to back and in shuffled
 * order, so a load change on the (shared) machine hits all of them; prints median throughputs, ratios of medians,
 * the median of the per-round ratios and the process CPU time per call (load-insensitive). A benchmark program, not a test:
 * {@code mvn -o -pl impl-transport -am verify -DskipTests -Pbench} (arguments: rounds, calls per round).
 */
public final class TransportBenchmark {
    private TransportBenchmark() {
    }

    interface Call {
        String get() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 101;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        byte[] body = "useLocalCache=true\nserver.port=8080\n".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        ExecutorService serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "text/plain;charset=UTF-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String address = "127.0.0.1:" + server.getAddress().getPort();
        URI uri = URI.create("http://" + address + "/nacos/v1/cs/configs?dataId=app.properties&group=DEFAULT_GROUP");
        HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest minimal = HttpRequest.newBuilder(uri).GET().build();
        NacosRequest request = NacosRequest.get("/v1/cs/configs").query("dataId", "app.properties")
                .query("group", "DEFAULT_GROUP").build();
        try (ClientRuntime runtime = new HttpRuntimeFactory().create(
                ClientOptions.builder().serverAddr(address).clientName("bench").build())) {
            Map<String, Call> sides = new LinkedHashMap<>();
            sides.put("transport", () -> runtime.transport().send(request).body());
            // what the transport puts on the wire, built per call as a caller would
            Supplier<HttpRequest> wireRequest = () -> HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(3))
                    .header("User-Agent", OutgoingRequest.USER_AGENT)
                    .header("Client-Version", OutgoingRequest.PROTOCOL_VERSION)
                    .header("RequestId", UUID.randomUUID().toString())
                    .header("Accept-Charset", "UTF-8")
                    .GET().build();
            sides.put("bare, same request", () -> bare.send(wireRequest.get(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
            // the same request through a client whose executor is one thread with a plain queue, as the transport's
            // was before it took a transfer queue: shows what the executor alone costs
            HttpClient oneThread = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "bench-one-thread");
                        t.setDaemon(true);
                        return t;
                    })).build();
            sides.put("bare, one-thread pool", () -> oneThread.send(wireRequest.get(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
            sides.put("bare, minimal", () -> bare.send(minimal,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
            List<String> names = new ArrayList<>(sides.keySet());
            String expected = new String(body, StandardCharsets.UTF_8);
            for (Call c : sides.values()) {
                if (!c.get().equals(expected)) {
                    throw new IllegalStateException("the paths answer differently");
                }
            }
            for (int i = 0; i < 20; i++) { // warm up every path (JIT, connection pools)
                for (Call c : sides.values()) {
                    run(c, calls);
                }
            }
            Map<String, List<Double>> throughput = new LinkedHashMap<>();
            Map<String, List<Double>> ratio = new LinkedHashMap<>();
            Map<String, long[]> cpu = new LinkedHashMap<>(); // process CPU nanoseconds, calls
            for (String n : names) {
                throughput.put(n, new ArrayList<>());
                ratio.put(n, new ArrayList<>());
                cpu.put(n, new long[2]);
            }
            java.util.Random shuffle = new java.util.Random(42);
            for (int r = 0; r < rounds; r++) {
                Map<String, Double> t = new LinkedHashMap<>();
                List<String> order = new ArrayList<>(names);
                Collections.shuffle(order, shuffle); // no side always follows the same other side
                for (String n : order) {
                    long cpu0 = processCpuNanos();
                    t.put(n, run(sides.get(n), calls));
                    cpu.get(n)[0] += processCpuNanos() - cpu0;
                    cpu.get(n)[1] += calls;
                }
                for (String n : names) {
                    throughput.get(n).add(t.get(n));
                    ratio.get(n).add(t.get("transport") / t.get(n));
                }
            }
            System.out.printf(Locale.ROOT, "Java %s, %s %s, %d cores; %d rounds x %d sequential GETs per side%n",
                    System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(), rounds, calls);
            double mt = median(throughput.get("transport"));
            for (String n : names) {
                double m = median(throughput.get(n));
                System.out.printf(Locale.ROOT, "%-20s median %7.0f ops/s (%6.1f us/call, process CPU %5.1f us/call)",
                        n, m, 1e6 / m, cpu.get(n)[0] / 1e3 / cpu.get(n)[1]);
                if (!n.equals("transport")) {
                    System.out.printf(Locale.ROOT, "; transport/this: ratio of medians %.3f, median per-round ratio %.3f",
                            mt / m, median(ratio.get(n)));
                }
                System.out.println();
            }
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    /** CPU time of the whole process (client, server and JDK threads), when the JVM reports it. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    /** Throughput in calls per second of {@code calls} sequential calls. */
    private static double run(Call call, int calls) throws Exception {
        long start = System.nanoTime();
        int chars = 0;
        for (int i = 0; i < calls; i++) {
            chars += call.get().length();
        }
        long nanos = System.nanoTime() - start;
        if (chars == 0) {
            throw new IllegalStateException("empty answers");
        }
        return calls / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
