package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nacosgi.transport.internal.TestServer.reply;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

class HttpTransportTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private TestServer server() {
        TestServer s = TestServer.start();
        toClose.add(s);
        return s;
    }

    private ClientRuntime runtime(ClientOptions.Builder b) {
        ClientRuntime r = new HttpRuntimeFactory().create(b.build());
        toClose.add(r);
        return r;
    }

    private static ClientOptions.Builder options(String servers) {
        return ClientOptions.builder().serverAddr(servers).clientName("t" + System.nanoTime() % 100000);
    }

    /** A port with nothing listening: connecting is refused at once. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sendsStandardHeadersAndUtf8FormBody() {
        TestServer s = server().route("POST", "/nacos/v1/cs/configs", r -> reply(200, "true"));
        ClientRuntime rt = runtime(options(s.address()));
        NacosResponse resp = rt.transport().send(NacosRequest.post("/v1/cs/configs")
                .form("dataId", "a b").form("content", "ü€ & =").query("x", "1").build());
        assertEquals(200, resp.status());
        assertEquals("true", resp.body());
        assertEquals(s.baseUrl(), resp.server());
        TestServer.Recorded r = s.requests().get(0);
        assertEquals(OutgoingRequest.USER_AGENT, r.header("User-Agent"));
        assertTrue(r.header("User-Agent").startsWith("Nacos-Java-Client:v"));
        assertEquals("1.4.8", r.header("Client-Version"));
        assertNotNull(r.header("RequestId"));
        assertEquals("UTF-8", r.header("Accept-Charset"));
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", r.header("Content-Type"));
        assertEquals("ü€ & =", r.form().get("content"));
        assertEquals("a b", r.form().get("dataId"));
        assertEquals("1", r.query().get("x"));
    }

    @Test
    void getCarriesParametersInTheQuery() {
        TestServer s = server().route("GET", "/nacos/v1/cs/configs", r -> reply(200, "c"));
        ClientRuntime rt = runtime(options(s.address()));
        rt.transport().send(NacosRequest.get("/v1/cs/configs").query("dataId", "d").form("group", "g").build());
        TestServer.Recorded r = s.requests().get(0);
        assertEquals("d", r.query().get("dataId"));
        assertEquals("g", r.query().get("group"));
        assertEquals("", r.body);
    }

    @Test
    void otherStatusesGoToTheCaller() {
        TestServer s = server().route("GET", "/nacos/v1/cs/configs", r -> reply(404, "config data not exist"));
        TestServer other = server().route("GET", "/nacos/v1/cs/configs", r -> reply(200, "x"));
        ClientRuntime rt = runtime(options(s.address() + "," + other.address()));
        // whichever server is asked first, its answer comes back without trying the other
        NacosResponse resp = rt.transport().send(NacosRequest.get("/v1/cs/configs").build());
        assertEquals(1, s.requests().size() + other.requests().size());
        if (resp.server().equals(s.baseUrl())) {
            assertEquals(404, resp.status());
            assertEquals("config data not exist", resp.body());
        }
    }

    @Test
    void failsOverOn500502503AndConnectFailureThenSticks() {
        List<TestServer> bad = List.of(
                server().fallback(r -> reply(500, "boom")),
                server().fallback(r -> reply(502, "<html>bad gateway</html>")),
                server().fallback(r -> reply(503, "busy")));
        TestServer good = server().fallback(r -> reply(200, "ok"));
        String dead = "127.0.0.1:" + closedPort();
        ClientRuntime rt = runtime(options(String.join(",", bad.get(0).address(), bad.get(1).address(), dead,
                bad.get(2).address(), good.address())));
        NacosResponse resp = rt.transport().send(NacosRequest.get("/v1/ns/operator/metrics").build());
        assertEquals(200, resp.status());
        assertEquals(good.baseUrl(), resp.server());
        // sticky: the next calls go straight to the good server
        int before = bad.stream().mapToInt(b -> b.requests().size()).sum();
        for (int i = 0; i < 5; i++) {
            assertEquals(good.baseUrl(), rt.transport().send(NacosRequest.get("/x").build()).server());
        }
        assertEquals(before, bad.stream().mapToInt(b -> b.requests().size()).sum());
        assertEquals(good.baseUrl(), rt.transport().servers().get(0));
    }

    @Test
    void triesServersInListOrderFromTheStickyOne() {
        TestServer a = server().fallback(r -> reply(503, "a"));
        TestServer b = server().fallback(r -> reply(503, "b"));
        TestServer c = server().fallback(r -> reply(503, "c"));
        ClientRuntime rt = runtime(options(a.address() + "," + b.address() + "," + c.address()));
        List<String> order = rt.transport().servers();
        ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                () -> rt.transport().send(NacosRequest.get("/v1/cs/configs").build()));
        // the order is a rotation of the configured list, starting at the (random) sticky server
        assertEquals(order, e.serversTried());
        int start = List.of(a.baseUrl(), b.baseUrl(), c.baseUrl()).indexOf(order.get(0));
        assertEquals(List.of(a.baseUrl(), b.baseUrl(), c.baseUrl(), a.baseUrl(), b.baseUrl()).subList(start, start + 3),
                order);
        for (String url : List.of(a.baseUrl(), b.baseUrl(), c.baseUrl())) {
            assertTrue(e.getMessage().contains(url), e.getMessage());
        }
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    }

    @Test
    void allServersDownNamesThemAll() {
        String d1 = "127.0.0.1:" + closedPort();
        String d2 = "localhost:" + closedPort();
        ClientRuntime rt = runtime(options(d1 + "," + d2));
        ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                () -> rt.transport().send(NacosRequest.get("/v1/cs/configs").build()));
        assertEquals(Set.of("http://" + d1 + "/nacos", "http://" + d2 + "/nacos"), Set.copyOf(e.serversTried()));
        // async: the same exception type
        CompletionException ce = assertThrows(CompletionException.class,
                () -> rt.transport().sendAsync(NacosRequest.get("/v1/cs/configs").build()).join());
        assertTrue(ce.getCause() instanceof ServerUnavailableException, ce.toString());
    }

    @Test
    void timeoutOfTheWholeBudgetIsATimeoutAndNoFurtherServerIsTried() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestServer slow = server().fallback(r -> {
            release.await(30, TimeUnit.SECONDS);
            return reply(200, "late");
        });
        TestServer fast = server().fallback(r -> reply(200, "fast"));
        toClose.add(0, release::countDown); // runs last: unblock the slow handler after the runtime closed
        ClientRuntime rt = runtime(options(slow.address() + "," + fast.address()));
        // make the slow server sticky first
        while (!rt.transport().servers().get(0).equals(slow.baseUrl())) {
            rt = runtime(options(slow.address() + "," + fast.address()));
        }
        ClientRuntime client = rt;
        long t0 = System.nanoTime();
        NacosTimeoutException e = assertThrows(NacosTimeoutException.class, () -> client.transport().send(
                NacosRequest.get("/v1/cs/configs").timeout(Duration.ofMillis(300)).build()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Duration.ofMillis(300), e.timeout());
        assertTrue(ms >= 290, "ended after " + ms + " ms");
        assertTrue(ms < Timing.scaled(Duration.ofMillis(2000)).toMillis(), "ended after " + ms + " ms");
        assertEquals(0, fast.requests().size(), "no server is tried after the budget is gone");
        // the slow server is marked: the next call goes to the fast one
        assertEquals("fast", client.transport().send(NacosRequest.get("/x").build()).body());
    }

    @Test
    void stalledBodyEndsAtTheDeadline() throws Exception {
        // headers arrive, then the body never completes: the stall guard ends the call
        CountDownLatch release = new CountDownLatch(1);
        toClose.add(0, release::countDown);
        com.sun.net.httpserver.HttpServer raw = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
        raw.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-stall");
            t.setDaemon(true);
            return t;
        }));
        raw.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("partial".getBytes());
            ex.getResponseBody().flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        raw.start();
        toClose.add(() -> raw.stop(0));
        ClientRuntime rt = runtime(options("127.0.0.1:" + raw.getAddress().getPort()));
        long t0 = System.nanoTime();
        assertThrows(NacosTimeoutException.class, () -> rt.transport().send(
                NacosRequest.get("/v1/cs/configs").timeout(Duration.ofMillis(300)).build()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < Timing.scaled(Duration.ofMillis(3000)).toMillis(), "ended after " + ms + " ms");
        // and without blocking
        CompletionException e = assertThrows(CompletionException.class, () -> rt.transport().sendAsync(
                NacosRequest.get("/v1/cs/configs").timeout(Duration.ofMillis(300)).build()).join());
        assertTrue(e.getCause() instanceof NacosTimeoutException, e.toString());
    }

    @Test
    void sendAsyncDoesNotBlockAndCompletes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestServer s = server().fallback(r -> {
            release.await(10, TimeUnit.SECONDS);
            return reply(200, "done");
        });
        ClientRuntime rt = runtime(options(s.address()));
        CompletableFuture<NacosResponse> f = rt.transport().sendAsync(NacosRequest.get("/v1/cs/configs").build());
        assertFalse(f.isDone());
        release.countDown();
        assertEquals("done", f.get(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS).body());
    }

    @Test
    void asyncCallsFailOverAndCompleteOnTheClientsThreadsNotTheJdkPool() throws Exception {
        TestServer busy = server().fallback(r -> reply(503, "busy"));
        CountDownLatch release = new CountDownLatch(1);
        toClose.add(0, release::countDown);
        TestServer good = server().fallback(r -> {
            release.await(10, TimeUnit.SECONDS);
            return reply(200, "ok");
        });
        // the clock is read on the thread that marks the 503 server down, just before failing over
        List<String> clockThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.LongSupplier clock = () -> {
            clockThreads.add(Thread.currentThread().getName());
            return System.nanoTime();
        };
        ClientOptions options = options(busy.address() + "," + good.address()).build();
        HttpClientRuntime rt;
        do { // the busy server must be asked first
            rt = new HttpClientRuntime(options, JsonProviders.find(), clock);
            toClose.add(rt);
        } while (!rt.transport().servers().get(0).equals(busy.baseUrl()));
        String caller = Thread.currentThread().getName();
        clockThreads.clear();
        CompletableFuture<NacosResponse> f = rt.transport().sendAsync(NacosRequest.get("/v1/cs/configs").build());
        CompletableFuture<String> dependent = new CompletableFuture<>();
        f.thenRun(() -> dependent.complete(Thread.currentThread().getName()));
        assertTrue(Timing.await(Duration.ofSeconds(5), () -> good.requests().size() == 1), "failed over");
        release.countDown();
        String thread = dependent.get(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("ok", f.join().body());
        String ours = NamedThreadFactory.threadPrefix(options.clientName());
        assertTrue(thread.startsWith(ours), "the caller's stage ran on " + thread);
        List<String> failover = new ArrayList<>(clockThreads);
        failover.removeIf(caller::equals); // the call's server order is read in the caller's thread
        assertFalse(failover.isEmpty(), "the 503 was handled");
        assertTrue(failover.stream().allMatch(n -> n.startsWith(ours)), "failover ran on " + failover);
    }

    /**
     * A raw server that holds one request without answering and completes the returned future when the client
     * closes the connection (end of stream or reset). The accepting thread ends with the test's deadline.
     */
    private CompletableFuture<Void> holdOneRequest(ServerSocket socket, CountDownLatch held) {
        CompletableFuture<Void> connectionClosed = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (java.net.Socket s = socket.accept()) {
                s.setSoTimeout((int) Timing.scaled(Duration.ofSeconds(10)).toMillis());
                java.io.InputStream in = s.getInputStream();
                int matched = 0; // the end of the request head: CR LF CR LF
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("closed before the request head ended");
                    }
                    matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                held.countDown();
                while (in.read() >= 0) {
                    // a GET has no body: anything read is unexpected but harmless; wait for the end of stream
                }
                connectionClosed.complete(null);
            } catch (java.net.SocketTimeoutException e) {
                connectionClosed.completeExceptionally(e);
            } catch (IOException e) {
                // a reset is also the client ending the exchange, unless it came before the request
                if (held.getCount() == 0) {
                    connectionClosed.complete(null);
                } else {
                    connectionClosed.completeExceptionally(e);
                }
            }
        }, "test-hold");
        t.setDaemon(true);
        t.start();
        return connectionClosed;
    }

    private static void assumeCancellableHttpClient() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 16,
                "HttpClient aborts an exchange on cancel(true) only from JDK 16 (JDK-8245462); running on "
                        + Runtime.version());
    }

    @Test
    void cancellingTheCallClosesTheHeldConnection() throws Exception {
        assumeCancellableHttpClient();
        try (ServerSocket socket = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            CountDownLatch held = new CountDownLatch(1);
            CompletableFuture<Void> closedByClient = holdOneRequest(socket, held);
            ClientRuntime rt = runtime(options("127.0.0.1:" + socket.getLocalPort()));
            CompletableFuture<NacosResponse> f = rt.transport().sendAsync(NacosRequest.get("/v1/cs/configs/listener")
                    .timeout(Duration.ofSeconds(30)).build());
            assertTrue(held.await(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS),
                    "the request arrived");
            assertTrue(f.cancel(true));
            closedByClient.get(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(f.isCancelled());
        }
    }

    @Test
    void closingTheClientClosesHeldConnections() throws Exception {
        assumeCancellableHttpClient();
        try (ServerSocket socket = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            CountDownLatch held = new CountDownLatch(1);
            CompletableFuture<Void> closedByClient = holdOneRequest(socket, held);
            ClientRuntime rt = new HttpRuntimeFactory().create(options("127.0.0.1:" + socket.getLocalPort()).build());
            CompletableFuture<NacosResponse> f = rt.transport().sendAsync(NacosRequest.get("/v1/cs/configs/listener")
                    .timeout(Duration.ofSeconds(30)).build());
            assertTrue(held.await(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS),
                    "the request arrived");
            rt.close();
            closedByClient.get(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS);
            CompletionException e = assertThrows(CompletionException.class, f::join);
            assertTrue(e.getCause() instanceof NacosException, e.toString());
        }
    }

    @Test
    void closeFailsCallsInFlightAndRefusesNewOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(2);
        TestServer s = server().fallback(r -> {
            arrived.countDown();
            release.await(30, TimeUnit.SECONDS);
            return reply(200, "late");
        });
        toClose.add(0, release::countDown);
        ClientRuntime rt = new HttpRuntimeFactory().create(options(s.address()).build());
        NacosRequest longPoll = NacosRequest.get("/v1/cs/configs/listener").timeout(Duration.ofSeconds(30)).build();
        CompletableFuture<NacosResponse> f = rt.transport().sendAsync(longPoll);
        CompletableFuture<Object> blocking = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean interruptLeft = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                blocking.complete(rt.transport().send(longPoll));
            } catch (RuntimeException e) {
                interruptLeft.set(Thread.currentThread().isInterrupted());
                blocking.complete(e);
            }
        });
        caller.start();
        assertTrue(arrived.await(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS));
        long t0 = System.nanoTime();
        rt.close();
        CompletionException e = assertThrows(CompletionException.class, f::join);
        assertTrue(e.getCause() instanceof NacosException);
        Object outcome = blocking.get(Timing.scaled(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(outcome instanceof NacosException && ((NacosException) outcome).getMessage().contains("closed"),
                String.valueOf(outcome));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < Timing.scaled(Duration.ofSeconds(5)).toMillis());
        assertFalse(interruptLeft.get(), "no stray interrupt left on the caller");
        assertThrows(NacosException.class, () -> rt.transport().send(NacosRequest.get("/x").build()));
    }
}
