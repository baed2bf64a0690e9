package org.nacosgi.transport.internal;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.nacosgi.api.ClientOptions;

/** Builds the one {@link HttpClient} of a client: its executor, proxy, TLS and connect timeout. */
final class HttpClients {
    /** Connecting never takes longer than this, so a dead server leaves budget for the next one. */
    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private HttpClients() {
    }

    static HttpClient create(ClientOptions options, Executor executor) {
        Duration connect = options.defaultTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                ? options.defaultTimeout() : MAX_CONNECT_TIMEOUT;
        HttpClient.Builder b = HttpClient.newBuilder()
                .executor(executor)
                // Nacos speaks HTTP/1.1; an h2c upgrade attempt only costs a round of headers
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connect);
        options.proxy().ifPresent(p -> {
            int colon = p.lastIndexOf(':');
            b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(p.substring(0, colon),
                    Integer.parseInt(p.substring(colon + 1)))));
        });
        TlsContexts.forOptions(options).ifPresent(b::sslContext);
        return b.build();
    }
}
