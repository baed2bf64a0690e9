package org.nacosgi.config.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.ServerGeneration;
import org.nacosgi.api.spi.Transport;

/** A transport whose answers a test scripts; it records every request. */
final class ScriptedTransport implements Transport {
    static final String SERVER = "http://127.0.0.1:1/nacos";
    final List<NacosRequest> requests = new CopyOnWriteArrayList<>();
    volatile Function<NacosRequest, CompletableFuture<NacosResponse>> handler =
            r -> CompletableFuture.failedFuture(down());
    volatile ServerGeneration generation = ServerGeneration.V2;
    volatile int generationChanges;

    static NacosResponse answer(int status, String body) {
        return new NacosResponse(status, Map.of(), body, SERVER);
    }

    static NacosResponse answer(int status, String body, Map<String, List<String>> headers) {
        return new NacosResponse(status, headers, body, SERVER);
    }

    static ServerUnavailableException down() {
        return new ServerUnavailableException("every server failed", List.of(SERVER), null);
    }

    long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    @Override
    public NacosResponse send(NacosRequest request) {
        try {
            return sendAsync(request).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (RuntimeException) e.getCause(); // as the real transport: the cause, not a wrapper
        }
    }

    @Override
    public CompletableFuture<NacosResponse> sendAsync(NacosRequest request) {
        requests.add(request);
        return handler.apply(request);
    }

    @Override
    public ServerGeneration generation() {
        return generation;
    }

    @Override
    public void generationChanged() {
        generationChanges++;
    }

    @Override
    public List<String> servers() {
        return List.of(SERVER);
    }
}
