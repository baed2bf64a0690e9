package org.nacosgi.transport.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process HTTP server for transport tests: routes by "METHOD /path", records every request. */
final class TestServer implements AutoCloseable {
    /** Answers one request; may block (a stall) — the server has a thread per request. */
    interface Responder {
        Reply answer(Recorded request) throws Exception;
    }

    static final class Reply {
        final int status;
        final String body;
        final Map<String, String> headers = new LinkedHashMap<>();

        Reply(int status, String body) {
            this.status = status;
            this.body = body;
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    static Reply reply(int status, String body) {
        return new Reply(status, body);
    }

    /** One request as received. */
    static final class Recorded {
        final String method;
        final java.net.URI uri;
        final String path;
        final String rawQuery;
        final Map<String, List<String>> headers;
        final String body;

        Recorded(String method, java.net.URI uri, String path, String rawQuery, Map<String, List<String>> headers,
                String body) {
            this.method = method;
            this.uri = uri;
            this.path = path;
            this.rawQuery = rawQuery == null ? "" : rawQuery;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        Map<String, String> query() {
            return decode(rawQuery);
        }

        Map<String, String> form() {
            return decode(body);
        }

        static Map<String, String> decode(String s) {
            Map<String, String> out = new LinkedHashMap<>();
            if (s == null || s.isEmpty()) {
                return out;
            }
            for (String pair : s.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Responder fallback = r -> reply(404, "{\"status\":404,\"message\":\"No endpoint\"}");

    private TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static TestServer start() {
        try {
            return new TestServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://" + address() + "/nacos";
    }

    TestServer route(String method, String path, Responder responder) {
        routes.put(method + " " + path, responder);
        return this;
    }

    TestServer fallback(Responder responder) {
        this.fallback = responder;
        return this;
    }

    List<Recorded> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    List<Recorded> requests(String path) {
        List<Recorded> out = new ArrayList<>();
        for (Recorded r : requests) {
            if (r.path.equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Recorded r = new Recorded(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), new LinkedHashMap<>(ex.getRequestHeaders()), body);
            requests.add(r);
            Responder responder = routes.getOrDefault(r.method + " " + r.path, fallback);
            Reply reply;
            try {
                reply = responder.answer(r);
            } catch (Exception e) {
                reply = reply(599, "responder failed: " + e);
            }
            if (reply == null) { // drop the connection without an answer
                ex.close();
                return;
            }
            byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
            reply.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
