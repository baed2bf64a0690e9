package org.nacosgi.itest.reliability;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A reverse proxy in front of a testkit server that can replace answers the way broken proxies and load balancers
 * do: an HTML page, a wrong content type, a truncated or malformed JSON body. Everything else is forwarded.
 */
final class FaultyProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    /** An answer the proxy sends instead of (or made from) the server's. */
    static final class Answer {
        final int status;
        final String contentType;
        final String body;
        /** Whether the server's other headers (Config-Type, Content-MD5, ...) go out with it. */
        final boolean serverHeaders;

        /** An answer made from the server's: its other headers are kept. */
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, true);
        }

        Answer(int status, String contentType, String body, boolean serverHeaders) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
            this.serverHeaders = serverHeaders;
        }
    }

    private static final class Rule {
        final String method;
        final String pathSuffix;
        final UnaryOperator<Answer> rewrite;

        Rule(String method, String pathSuffix, UnaryOperator<Answer> rewrite) {
            this.method = method;
            this.pathSuffix = pathSuffix;
            this.rewrite = rewrite;
        }
    }

    private final int targetPort;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient upstream;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger rewritten = new AtomicInteger();

    private FaultyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-proxy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.upstream = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FaultyProxy to(int targetPort) {
        try {
            return new FaultyProxy(targetPort);
        } catch (IOException e) {
            throw new AssertionError("cannot start the proxy", e);
        }
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests to {@code method} (null: any) paths ending in {@code pathSuffix} get {@code rewrite} applied to the real answer. */
    void rewrite(String method, String pathSuffix, UnaryOperator<Answer> rewrite) {
        rules.add(new Rule(method, pathSuffix, rewrite));
    }

    /** Requests to paths ending in {@code pathSuffix} get this answer, with none of the server's headers. */
    void answer(String method, String pathSuffix, int status, String contentType, String body) {
        rewrite(method, pathSuffix, real -> new Answer(status, contentType, body, false));
    }

    void clear() {
        rules.clear();
    }

    /** How many answers were replaced. */
    int rewritten() {
        return rewritten.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort
                    + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                if (!HOP_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    for (String v : h.getValue()) {
                        b.header(h.getKey(), v);
                    }
                }
            }
            HttpResponse<String> real;
            try {
                real = upstream.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                send(exchange, new Answer(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
                        new Headers());
                return;
            }
            Answer answer = new Answer(real.statusCode(), real.headers().firstValue("Content-Type").orElse(null),
                    real.body());
            Headers headers = new Headers();
            real.headers().map().forEach((k, v) -> {
                if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.equalsIgnoreCase("content-type")) {
                    headers.put(k, v);
                }
            });
            for (Rule r : rules) {
                if ((r.method == null || r.method.equalsIgnoreCase(exchange.getRequestMethod()))
                        && uri.getPath().endsWith(r.pathSuffix)) {
                    answer = r.rewrite.apply(answer);
                    rewritten.incrementAndGet();
                    break;
                }
            }
            send(exchange, answer, answer.serverHeaders ? headers : new Headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Answer answer, Headers headers) throws IOException {
        byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putAll(headers);
        if (answer.contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType);
        }
        exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
