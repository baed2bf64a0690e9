package org.nacosgi.transport.internal;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.ServerUnavailableException;

/**
 * Servers from an address server: {@code GET http://{endpoint}:{port}{ctx}/{cluster}[?namespace=ns]} answers one
 * {@code ip[:port]} a line. Fetched when the client starts and every {@link #REFRESH} on the scheduler (without
 * blocking it); a failed refresh keeps the last list.
 */
final class EndpointServerList implements ServerList {
    static final Duration REFRESH = Duration.ofSeconds(30);
    /** With no list at all, a call may trigger a fetch this long after the last one. */
    static final Duration RETRY_WHEN_EMPTY = Duration.ofSeconds(2);

    private final URI uri;
    private final String contextPath;
    private final Duration timeout;
    private final Supplier<HttpClient> client;
    private final Executor executor;
    private final System.Logger log;
    /** Done once the first fetch has ended, however it ended. */
    private final CompletableFuture<Void> firstFetch = new CompletableFuture<>();
    private volatile List<ServerAddress> servers = List.of();
    private volatile String lastError = "not fetched yet";
    private volatile long lastAttemptNanos;
    private final java.util.concurrent.atomic.AtomicBoolean plainHttpWarned = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ScheduledFuture<?> refresher;

    /** {@code executor} handles the answers (the client's HTTP executor). */
    EndpointServerList(ClientOptions options, Supplier<HttpClient> client, Executor executor, System.Logger log) {
        this.uri = uri(options);
        this.contextPath = options.contextPath();
        this.timeout = options.defaultTimeout();
        this.client = client;
        this.executor = executor;
        this.log = log;
    }

    static URI uri(ClientOptions options) {
        String host = options.endpoint().orElseThrow(
                () -> new InvalidArgumentException(ClientOptions.ENDPOINT, "no endpoint given"));
        StringBuilder url = new StringBuilder("http://").append(host).append(':').append(options.endpointPort())
                .append(options.contextPath()).append('/').append(options.endpointClusterName());
        if (!options.namespace().isEmpty()) {
            url.append("?namespace=").append(URLEncoder.encode(options.namespace(), StandardCharsets.UTF_8));
        }
        try {
            return URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(ClientOptions.ENDPOINT_CLUSTER_NAME, "not usable in a URL: " + url);
        }
    }

    /** Fetches now and then every {@code period}. */
    void start(ScheduledExecutorService scheduler, Duration period) {
        refresher = scheduler.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One fetch; never throws (a throw would end the periodic task). */
    void refresh() {
        lastAttemptNanos = System.nanoTime();
        try {
            HttpRequest request = OutgoingRequest.withClientHeaders(uri, timeout).GET().build();
            FailoverSender.whenDone(client.get().sendAsync(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), executor, (response, error) -> {
                if (error != null) {
                    failed(FailoverSender.unwrap(error).toString());
                } else if (response.statusCode() != 200) {
                    failed("HTTP " + response.statusCode());
                } else {
                    update(parse(response.body()));
                }
                firstFetch.complete(null);
            });
        } catch (RuntimeException e) { // closed client, rejected executor
            failed(e.toString());
            firstFetch.complete(null);
        }
    }

    private void failed(String reason) {
        lastError = reason;
        log.log(Level.WARNING, "address server {0} failed: {1}; keeping {2}", uri, reason, servers);
    }

    List<ServerAddress> parse(String body) {
        List<ServerAddress> out = new ArrayList<>();
        for (String line : body.split("\\R")) {
            String entry = line.trim();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            try {
                ServerAddress a = ServerAddress.parse(entry, contextPath, ClientOptions.ENDPOINT);
                if (!out.contains(a)) {
                    out.add(a);
                }
            } catch (InvalidArgumentException e) {
                log.log(Level.WARNING, "address server {0} sent a bad entry, skipped: {1}", uri, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    void update(List<ServerAddress> fresh) {
        if (fresh.isEmpty()) {
            failed("no servers in the answer");
            return;
        }
        if (!fresh.equals(servers)) {
            log.log(Level.INFO, "servers from {0}: {1}", uri, fresh);
            for (ServerAddress s : fresh) {
                if (!s.isHttps() && !s.isLoopback() && plainHttpWarned.compareAndSet(false, true)) {
                    log.log(Level.WARNING, "the address server lists plain http servers ({0}): tokens and content "
                            + "travel unencrypted", s);
                }
            }
        }
        servers = fresh;
    }

    @Override
    public List<ServerAddress> servers() {
        List<ServerAddress> s = servers;
        if (!s.isEmpty()) {
            return s;
        }
        if (firstFetch.isDone() && System.nanoTime() - lastAttemptNanos > RETRY_WHEN_EMPTY.toNanos()) {
            refresh(); // no list at all: ask again now rather than at the next period
        }
        try {
            firstFetch.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported below
        }
        s = servers;
        if (!s.isEmpty()) {
            return s;
        }
        throw new ServerUnavailableException("the address server gave no servers (" + lastError + ")",
                List.of(uri.toString()), null);
    }

    @Override
    public CompletableFuture<Void> ready() {
        return firstFetch.copy();
    }

    @Override
    public String describe() {
        return "endpoint " + uri;
    }

    @Override
    public void close() {
        ScheduledFuture<?> r = refresher;
        if (r != null) {
            r.cancel(false);
        }
    }
}
