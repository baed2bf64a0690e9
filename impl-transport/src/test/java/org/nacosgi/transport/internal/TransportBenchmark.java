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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

/**
 * Transport overhead: the same config GET sent through {@code Transport.send} and through a bare
 * {@link HttpClient} (HTTP/1.1, same URL, no extra headers) against one in-process server, in alternating
 * rounds; prints each side's median throughput and their ratio. A benchmark program, not a test:
 * {@code mvn -o -pl impl-transport -am verify -DskipTests -Pbench} (arguments: rounds, calls per round).
 */
public final class TransportBenchmark {
    private TransportBenchmark() {
    }

    interface Call {
        String get() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
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
        HttpRequest bareRequest = HttpRequest.newBuilder(uri).GET().build();
        NacosRequest request = NacosRequest.get("/v1/cs/configs").query("dataId", "app.properties")
                .query("group", "DEFAULT_GROUP").build();
        try (ClientRuntime runtime = new HttpRuntimeFactory().create(
                ClientOptions.builder().serverAddr(address).clientName("bench").build())) {
            Call viaTransport = () -> runtime.transport().send(request).body();
            Call viaBare = () -> bare.send(bareRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            if (Boolean.getBoolean("bench.sameHeaders")) {
                // diagnosis: the bare client sends what the transport sends (headers, timeout, fresh request)
                viaBare = () -> bare.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(3))
                        .header("User-Agent", ClientHeaders.USER_AGENT).header("Client-Version", "1.4.8")
                        .header("RequestId", java.util.UUID.randomUUID().toString()).header("Accept-Charset", "UTF-8")
                        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            }
            String expected = new String(body, StandardCharsets.UTF_8);
            if (!viaTransport.get().equals(expected) || !viaBare.get().equals(expected)) {
                throw new IllegalStateException("the two paths answer differently");
            }
            for (int i = 0; i < 5; i++) { // warm up both paths (JIT, connection pools)
                run(viaTransport, calls);
                run(viaBare, calls);
            }
            List<Double> transport = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double t;
                double b;
                if (r % 2 == 0) { // alternate which side goes first, so drift hits both
                    t = run(viaTransport, calls);
                    b = run(viaBare, calls);
                } else {
                    b = run(viaBare, calls);
                    t = run(viaTransport, calls);
                }
                transport.add(t);
                baseline.add(b);
                ratios.add(t / b);
                System.out.printf(Locale.ROOT, "round %2d: transport %8.0f ops/s, bare HttpClient %8.0f ops/s, ratio %.3f%n",
                        r + 1, t, b, t / b);
            }
            double mt = median(transport);
            double mb = median(baseline);
            System.out.printf(Locale.ROOT, "%nJava %s, %d rounds x %d sequential GETs per side%n",
                    System.getProperty("java.version"), rounds, calls);
            System.out.printf(Locale.ROOT, "median transport      %8.0f ops/s (%.1f us/call)%n", mt, 1e6 / mt);
            System.out.printf(Locale.ROOT, "median bare HttpClient %8.0f ops/s (%.1f us/call)%n", mb, 1e6 / mb);
            System.out.printf(Locale.ROOT, "ratio of medians (transport/bare) %.3f; median of per-round ratios %.3f%n",
                    mt / mb, median(ratios));
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
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
