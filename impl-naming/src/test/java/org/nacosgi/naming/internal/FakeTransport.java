package org.nacosgi.naming.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.ServerGeneration;
import org.nacosgi.api.spi.Transport;

/** A transport answering from a handler, recording every request; async sends run on its own thread. */
final class FakeTransport implements Transport, AutoCloseable {
    static final String SERVER = "http://127.0.0.1:8848/nacos";

    final List<NacosRequest> requests = new CopyOnWriteArrayList<>();
    volatile Function<NacosRequest, NacosResponse> handler = r -> ok("ok");
    volatile ServerGeneration generation = ServerGeneration.V2;
    volatile ServerGeneration generationAfterChange;
    volatile int generationChanges;
    private final ExecutorService async = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nacosgi-test-http");
        t.setDaemon(true);
        return t;
    });

    static NacosResponse ok(String body) {
        return response(200, body);
    }

    static NacosResponse response(int status, String body) {
        return new NacosResponse(status, Map.of(), body, SERVER);
    }

    @Override
    public NacosResponse send(NacosRequest request) {
        requests.add(request);
        return handler.apply(request);
    }

    /** While set, async sends are parked in {@link #held} until a test completes them. */
    volatile boolean holdAsync;
    final java.util.concurrent.BlockingQueue<Held> held = new java.util.concurrent.LinkedBlockingQueue<>();

    /** A parked async request. */
    static final class Held {
        final NacosRequest request;
        final CompletableFuture<NacosResponse> future;

        Held(NacosRequest request, CompletableFuture<NacosResponse> future) {
            this.request = request;
            this.future = future;
        }
    }

    @Override
    public CompletableFuture<NacosResponse> sendAsync(NacosRequest request) {
        CompletableFuture<NacosResponse> f = new CompletableFuture<>();
        if (holdAsync) {
            requests.add(request);
            held.add(new Held(request, f));
            return f;
        }
        async.execute(() -> {
            try {
                f.complete(send(request));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public ServerGeneration generation() {
        return generation;
    }

    @Override
    public void generationChanged() {
        generationChanges++;
        if (generationAfterChange != null) {
            generation = generationAfterChange;
        }
    }

    @Override
    public List<String> servers() {
        return List.of(SERVER);
    }

    long count(NacosRequest.Method method, String path) {
        return requests.stream().filter(r -> r.method() == method && r.path().equals(path)).count();
    }

    @Override
    public void close() {
        async.shutdownNow();
    }
}
