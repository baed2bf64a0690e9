package org.nacosgi.api.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends {@link NacosRequest}s to the client's servers: sticky server choice with failover on connect failure,
 * timeout and HTTP 500/502/503, login and token refresh, AK/SK signing, standard headers. Thread-safe.
 */
@ProviderType
public interface Transport {
    /**
     * Sends a request and returns the answer of the first server that did not fail over, whatever its status
     * (use {@link NacosResponse#toException(String)} for non-success answers).
     *
     * @throws org.nacosgi.api.ServerUnavailableException every server failed
     * @throws org.nacosgi.api.NacosTimeoutException the request's timeout ran out
     * @throws org.nacosgi.api.AuthException a 401/403 remained after one fresh login
     */
    NacosResponse send(NacosRequest request);

    /** {@link #send(NacosRequest)} without blocking; completes exceptionally with the same exception types. */
    CompletableFuture<NacosResponse> sendAsync(NacosRequest request);

    /** The generation of the servers, probed once (on first use) and again after {@link #generationChanged()}. */
    ServerGeneration generation();

    /** Forgets the probed generation, after an API answered 410 or 404-on-route. */
    void generationChanged();

    /** The base URLs currently known ({@code http://host:port/ctx}), in the order they will be tried. */
    List<String> servers();
}
