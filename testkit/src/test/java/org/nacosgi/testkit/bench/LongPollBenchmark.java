package org.nacosgi.testkit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import com.sun.net.httpserver.HttpServer;
import org.nacosgi.testkit.NacosTestServer;

/**
 * N concurrent held config long polls against one testkit, against a baseline that holds each poll on its own
 * thread (a thread-per-request server, as a servlet container without async would). Reports threads, heap and the
 * wake-up latency when the config changes. Not a test: run with
 * {@code mvn -q -o -pl testkit exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.nacosgi.testkit.bench.LongPollBenchmark -Dexec.args=2000}.
 */
public final class LongPollBenchmark {
    private static final String MD5_V1 = "38609a28efe1da66fb338fe868fc4428";

    private LongPollBenchmark() {
    }

    /** One side of the comparison: something that holds long polls until a change. */
    private interface Target extends AutoCloseable {
        String url();

        int held();

        void change();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf("long-poll benchmark: %d concurrent held polls, JDK %s, %d CPUs%n", n,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        ExecutorService clientPool = Executors.newFixedThreadPool(4, r -> new Thread(r, "bench-client"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<String[]> rows = new ArrayList<>();
        for (String name : new String[] {"testkit", "thread-per-request baseline"}) {
            try (Target t = "testkit".equals(name) ? testkit() : baseline()) {
                rows.add(run(name, t, client, n));
            }
            System.gc();
            Thread.sleep(1000);
        }
        clientPool.shutdownNow();
        System.out.println();
        System.out.printf("%-30s %10s %14s %16s %14s %14s %14s%n", "server", "held", "JVM threads",
                "server threads", "heap MiB", "wake p50 ms", "wake max ms");
        for (String[] r : rows) {
            System.out.printf("%-30s %10s %14s %16s %14s %14s %14s%n", (Object[]) r);
        }
        double tkThreads = Double.parseDouble(rows.get(0)[3]);
        double blThreads = Double.parseDouble(rows.get(1)[3]);
        System.out.printf("server threads, baseline / testkit: %.1fx%n", blThreads / tkThreads);
        System.exit(0);
    }

    private static String[] run(String name, Target t, HttpClient client, int n) throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = (rt.totalMemory() - rt.freeMemory());
        String body = "Listening-Configs=bench%02DEFAULT_GROUP%02" + MD5_V1 + "%01";
        List<CompletableFuture<Long>> done = new ArrayList<>();
        long[] wokeAt = new long[n];
        for (int i = 0; i < n; i++) {
            final int k = i;
            HttpRequest req = HttpRequest.newBuilder(URI.create(t.url()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Long-Pulling-Timeout", "120000").timeout(Duration.ofSeconds(180))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            done.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                wokeAt[k] = System.nanoTime();
                if (r.statusCode() != 200 || !r.body().startsWith("bench")) {
                    throw new IllegalStateException("unexpected answer " + r.statusCode() + " " + r.body());
                }
                return wokeAt[k];
            }));
            if (i % 100 == 99) {
                awaitHeld(t::held, i + 1 - 100, 60);
            }
        }
        awaitHeld(t::held, n, 120);
        System.gc();
        Thread.sleep(500);
        System.gc();
        long heapHeld = (rt.totalMemory() - rt.freeMemory());
        int jvmThreads = Thread.activeCount();
        int serverThreads = serverThreads(name);
        long changedAt = System.nanoTime();
        t.change();
        CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            lat[i] = wokeAt[i] - changedAt;
        }
        Arrays.sort(lat);
        System.out.printf("%s: %d held, %d server threads, heap +%.1f MiB while held%n", name, n, serverThreads,
                (heapHeld - heapBefore) / 1048576.0);
        return new String[] {name, String.valueOf(n), String.valueOf(jvmThreads), String.valueOf(serverThreads),
            String.format("%.1f", (heapHeld - heapBefore) / 1048576.0),
            String.format("%.1f", lat[n / 2] / 1e6), String.format("%.1f", lat[n - 1] / 1e6)};
    }

    private static int serverThreads(String name) {
        String prefix = "testkit".equals(name) ? "nacosgi-testkit-" : "baseline-";
        return (int) Thread.getAllStackTraces().keySet().stream().filter(x -> x.getName().startsWith(prefix))
                .count();
    }

    private static void awaitHeld(IntSupplier held, int want, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (held.getAsInt() < want) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + held.getAsInt() + " of " + want + " polls held");
            }
            Thread.sleep(10);
        }
    }

    private static Target testkit() {
        NacosTestServer s = NacosTestServer.builder().holdFloor(Duration.ofMinutes(2)).dumpDelay(Duration.ZERO)
                .start();
        s.putConfig("", "DEFAULT_GROUP", "bench", "v=1", null);
        return new Target() {
            @Override
            public String url() {
                return s.baseUrl() + "/v1/cs/configs/listener";
            }

            @Override
            public int held() {
                return s.heldLongPolls();
            }

            @Override
            public void change() {
                s.putConfig("", "DEFAULT_GROUP", "bench", "v=2", null);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /** Each request blocks its own thread until the change (what a synchronous servlet would do). */
    private static Target baseline() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(
                r -> new Thread(r, "baseline-" + counter.incrementAndGet()));
        CountDownLatch change = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            held.incrementAndGet();
            try {
                change.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = "bench%02DEFAULT_GROUP%01\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        return new Target() {
            @Override
            public String url() {
                return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            }

            @Override
            public int held() {
                return held.get();
            }

            @Override
            public void change() {
                change.countDown();
            }

            @Override
            public void close() {
                server.stop(0);
                threads.shutdownNow();
            }
        };
    }
}
