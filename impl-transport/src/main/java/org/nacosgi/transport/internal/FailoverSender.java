package org.nacosgi.transport.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.NacosResponse;

/**
 * The failover step: sends one request to the servers in {@link ServerRotation} order, moving on after a connect
 * failure, an I/O error or HTTP 500/502/503, and returns the first other answer whatever its status. Every attempt
 * draws on the request's one {@link Deadline}: when the budget is gone the call ends with
 * {@link NacosTimeoutException}, never with extra attempts; after every server failed, with
 * {@link ServerUnavailableException}.
 */
final class FailoverSender {
    /** Extra time the stall guard gives the HTTP client's own timeout to fire first. */
    private static final long GUARD_GRACE_MILLIS = 50;

    private final Supplier<HttpClient> client;
    private final ServerList serverList;
    private final ServerRotation rotation;
    private final ScheduledExecutorService scheduler;
    private final System.Logger log;

    FailoverSender(Supplier<HttpClient> client, ServerList serverList, ServerRotation rotation,
            ScheduledExecutorService scheduler, System.Logger log) {
        this.client = client;
        this.serverList = serverList;
        this.rotation = rotation;
        this.scheduler = scheduler;
        this.log = log;
    }

    /** The servers in the order the next call tries them. */
    List<ServerAddress> order() {
        return rotation.order(serverList.servers());
    }

    /**
     * Sends {@code request}; {@code serverErrorIsAnswer} makes HTTP 500 an answer rather than a reason to fail
     * over (the login answers 500 for a wrong user or when auth is off).
     */
    CompletableFuture<NacosResponse> send(OutgoingRequest request, Deadline deadline, boolean serverErrorIsAnswer) {
        CompletableFuture<NacosResponse> result = new CompletableFuture<>();
        try {
            List<ServerAddress> servers = serverList.servers();
            Call call = new Call(request, deadline, serverErrorIsAnswer, servers, rotation.order(servers), result);
            call.attempt(0);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** One call's state across its attempts. */
    private final class Call {
        private final OutgoingRequest request;
        private final Deadline deadline;
        private final boolean serverErrorIsAnswer;
        private final List<ServerAddress> servers;
        private final List<ServerAddress> order;
        private final CompletableFuture<NacosResponse> result;
        private final List<String> tried = new ArrayList<>();
        private String lastFailure = "";
        private Throwable lastCause;

        Call(OutgoingRequest request, Deadline deadline, boolean serverErrorIsAnswer, List<ServerAddress> servers,
                List<ServerAddress> order, CompletableFuture<NacosResponse> result) {
            this.request = request;
            this.deadline = deadline;
            this.serverErrorIsAnswer = serverErrorIsAnswer;
            this.servers = servers;
            this.order = order;
            this.result = result;
        }

        void attempt(int index) {
            if (result.isDone()) {
                return; // cancelled or closed meanwhile
            }
            if (index >= order.size()) {
                result.completeExceptionally(new ServerUnavailableException(
                        request + " failed on every server; last: " + lastFailure, tried, lastCause));
                return;
            }
            Duration remaining = deadline.remaining();
            if (remaining.isZero()) {
                result.completeExceptionally(timeout(lastCause));
                return;
            }
            ServerAddress server = order.get(index);
            tried.add(server.baseUrl());
            HttpRequest httpRequest;
            CompletableFuture<HttpResponse<String>> pending;
            AtomicBoolean stalled = new AtomicBoolean();
            ScheduledFuture<?> guard;
            try {
                httpRequest = request.toHttpRequest(server, remaining);
                pending = client.get().sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                CompletableFuture<HttpResponse<String>> p = pending;
                // HttpClient's timeout covers the wait for the headers; this guard also ends a stalled body
                guard = scheduler.schedule(() -> {
                    stalled.set(true);
                    p.cancel(true);
                }, remaining.toMillis() + GUARD_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException | IllegalStateException e) {
                result.completeExceptionally(new NacosException(request + ": the client is closed", e));
                return;
            } catch (IllegalArgumentException e) {
                result.completeExceptionally(new NacosException(request + ": cannot build the request for " + server, e));
                return;
            }
            pending.whenComplete((response, error) -> {
                guard.cancel(false);
                try {
                    handle(index, server, response, unwrap(error), stalled.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }

        private void handle(int index, ServerAddress server, HttpResponse<String> response, Throwable error,
                boolean stalled) {
            if (error == null) {
                int status = response.statusCode();
                if (isFailoverStatus(status)) {
                    NacosResponse r = toNacosResponse(server, response);
                    failOver(index, server, r.summary(), null);
                    return;
                }
                rotation.succeeded(server);
                if (log.isLoggable(Level.TRACE)) {
                    log.log(Level.TRACE, "{0} -> HTTP {1} from {2} ({3} ms)", request, status, server,
                            deadline.elapsedMillis());
                }
                result.complete(toNacosResponse(server, response));
                return;
            }
            if (error instanceof HttpConnectTimeoutException || error instanceof ConnectException) {
                failOver(index, server, "cannot connect (" + error.getMessage() + ")", error);
            } else if (error instanceof HttpTimeoutException || (stalled && error instanceof CancellationException)) {
                rotation.failed(server, servers);
                lastCause = error;
                if (deadline.expired()) {
                    result.completeExceptionally(timeout(error));
                } else {
                    failOver(index, server, "timed out", error);
                }
            } else if (error instanceof IOException) {
                failOver(index, server, error.getClass().getSimpleName() + " " + error.getMessage(), error);
            } else if (error instanceof CancellationException || error instanceof RejectedExecutionException) {
                result.completeExceptionally(new NacosException(request + ": cancelled (client closed?)", error));
            } else {
                result.completeExceptionally(new NacosException(request + " to " + server + " failed", error));
            }
        }

        private void failOver(int index, ServerAddress server, String reason, Throwable cause) {
            rotation.failed(server, servers);
            lastFailure = server + ": " + reason;
            lastCause = cause;
            log.log(Level.DEBUG, "{0} failed on {1}: {2}; trying the next server", request, server, reason);
            attempt(index + 1);
        }

        private boolean isFailoverStatus(int status) {
            return status == 502 || status == 503 || (status == 500 && !serverErrorIsAnswer);
        }

        private NacosTimeoutException timeout(Throwable cause) {
            return new NacosTimeoutException(request + " got no answer in time from " + String.join(", ", tried),
                    deadline.budget(), cause);
        }
    }

    private static NacosResponse toNacosResponse(ServerAddress server, HttpResponse<String> response) {
        return new NacosResponse(response.statusCode(), response.headers().map(), response.body(), server.baseUrl());
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
