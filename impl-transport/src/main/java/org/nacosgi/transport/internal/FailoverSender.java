package org.nacosgi.transport.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
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
 * {@link ServerUnavailableException}. Asynchronous attempts continue on the client's HTTP executor, and
 * completing or cancelling a call's future cancels its exchange still running.
 */
final class FailoverSender implements AutoCloseable {
    private final Supplier<HttpClient> client;
    private final ServerList serverList;
    private final ServerRotation rotation;
    private final ExchangeDeadlines deadlines;
    private final Executor executor;
    private final System.Logger log;
    /**
     * {@code RequestId} header values: a random per-client prefix and a counter, unique like the official client's
     * UUIDs without a {@link java.security.SecureRandom} draw (and its lock) per request.
     */
    private final String requestIdPrefix = java.util.UUID.randomUUID().toString().substring(0, 23) + "-";
    private final java.util.concurrent.atomic.AtomicLong requestCount = new java.util.concurrent.atomic.AtomicLong();

    /** {@code executor} runs what follows each asynchronous exchange (the client's HTTP executor). */
    FailoverSender(Supplier<HttpClient> client, ServerList serverList, ServerRotation rotation, ExchangeDeadlines deadlines,
            Executor executor, System.Logger log) {
        this.client = client;
        this.serverList = serverList;
        this.rotation = rotation;
        this.deadlines = deadlines;
        this.executor = executor;
        this.log = log;
    }

    /**
     * Runs {@code action} on {@code executor} once {@code f} is done. {@link HttpClient#sendAsync} completes its
     * future from CompletableFuture's default executor (JDK 11 to 25, {@code jdk.internal.net.http.HttpClientImpl}:
     * {@code whenCompleteAsync(.., ASYNC_POOL)}): the common pool, or a new unnamed thread per task when its
     * parallelism is below 2. Only this hand-over runs there. When {@code executor} refuses (the client is closed),
     * {@code action} runs at once with the refusal as its error.
     */
    static <T> void whenDone(CompletableFuture<T> f, Executor executor, BiConsumer<T, Throwable> action) {
        f.whenComplete((value, error) -> {
            try {
                executor.execute(() -> action.accept(value, error));
            } catch (RejectedExecutionException e) {
                action.accept(null, e);
            }
        });
    }

    private String requestId() {
        return requestIdPrefix + Long.toHexString(requestCount.incrementAndGet());
    }

    /** The servers in the order the next call tries them. */
    List<ServerAddress> order() {
        return rotation.order(serverList.servers());
    }

    /**
     * Sends {@code request} without blocking; {@code serverErrorIsAnswer} makes HTTP 500 an answer rather than a
     * reason to fail over (the login answers 500 for a wrong user or when auth is off).
     */
    CompletableFuture<NacosResponse> send(OutgoingRequest request, Deadline deadline, boolean serverErrorIsAnswer) {
        CompletableFuture<NacosResponse> result = new CompletableFuture<>();
        serverList.ready().whenComplete((ignored, error) -> {
            try {
                new Call(request, deadline, serverErrorIsAnswer, result).attemptAsync(0);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Sends {@code request} in the calling thread. {@link HttpClient#send} saves the thread hop that
     * {@link HttpClient#sendAsync} adds for its callers (about half the cost of a local call).
     */
    NacosResponse sendBlocking(OutgoingRequest request, Deadline deadline, boolean serverErrorIsAnswer) {
        Call call = new Call(request, deadline, serverErrorIsAnswer, null);
        for (int index = 0; ; index++) {
            ServerAddress server = call.next(index);
            if (server == null) {
                throw call.failure;
            }
            HttpResponse<String> response = null;
            Throwable error = null;
            ExchangeDeadlines.Exchange exchange = deadlines.blocking(deadline);
            try {
                response = client.get().send(request.toHttpRequest(server, deadline.remaining(), requestId()),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                error = e;
            } catch (InterruptedException e) {
                if (!exchange.expired()) {
                    Thread.currentThread().interrupt();
                    throw new NacosException(request + ": interrupted", e);
                }
                if (deadlines.isClosed()) {
                    throw new NacosException(request + ": the client was closed during the call", e);
                }
                error = new HttpTimeoutException("response not complete within " + deadline.budget().toMillis() + " ms");
            } catch (IllegalStateException e) {
                throw new NacosException(request + ": the client is closed", e);
            } catch (IllegalArgumentException e) {
                throw new NacosException(request + ": cannot build the request for " + server, e);
            } finally {
                exchange.finish();
            }
            NacosResponse answer = call.handle(server, response, error);
            if (answer != null) {
                return answer;
            }
            if (call.failure != null) {
                throw call.failure;
            }
        }
    }

    /** One call's state across its attempts; attempts never overlap, so plain fields suffice. */
    private final class Call {
        private final OutgoingRequest request;
        private final Deadline deadline;
        private final boolean serverErrorIsAnswer;
        private final List<ServerAddress> servers;
        private final List<ServerAddress> order;
        private final CompletableFuture<NacosResponse> result;
        private final List<String> tried = new ArrayList<>();
        /** "server: reason" of every failed attempt, in order: one server's refusal may explain the others. */
        private final List<String> failures = new ArrayList<>();
        private Throwable lastCause;
        /** Set when the call is over without an answer. */
        private RuntimeException failure;
        /** The JDK's future of the attempt running, cancelled when the call's future is done first. */
        private volatile CompletableFuture<?> pending;

        Call(OutgoingRequest request, Deadline deadline, boolean serverErrorIsAnswer,
                CompletableFuture<NacosResponse> result) {
            this.request = request;
            this.deadline = deadline;
            this.serverErrorIsAnswer = serverErrorIsAnswer;
            this.servers = serverList.servers();
            this.order = rotation.order(servers);
            this.result = result;
            if (result != null) {
                result.whenComplete((r, e) -> cancelPending());
            }
        }

        /** Since JDK 16 cancel(true) aborts the exchange (closes its connection); on 11-15 it only ends the wait. */
        private void cancelPending() {
            CompletableFuture<?> p = pending;
            if (p != null) {
                p.cancel(true);
            }
        }

        /** The server for attempt {@code index}, or null with {@link #failure} set when the call is over. */
        ServerAddress next(int index) {
            if (index >= order.size()) {
                failure = new ServerUnavailableException(
                        request + " failed on every server: " + String.join("; ", failures), tried, lastCause);
                return null;
            }
            if (deadline.expired()) {
                failure = timeout(lastCause);
                return null;
            }
            ServerAddress server = order.get(index);
            tried.add(server.baseUrl());
            return server;
        }

        void attemptAsync(int index) {
            if (result.isDone()) {
                return; // the transport failed it (closed)
            }
            ServerAddress server = next(index);
            if (server == null) {
                result.completeExceptionally(failure);
                return;
            }
            CompletableFuture<HttpResponse<String>> p;
            ExchangeDeadlines.Exchange exchange;
            try {
                p = client.get().sendAsync(request.toHttpRequest(server, deadline.remaining(), requestId()),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                exchange = deadlines.async(deadline, p);
            } catch (RejectedExecutionException | IllegalStateException e) {
                result.completeExceptionally(new NacosException(request + ": the client is closed", e));
                return;
            } catch (IllegalArgumentException e) {
                result.completeExceptionally(new NacosException(request + ": cannot build the request for " + server, e));
                return;
            }
            pending = p;
            if (result.isDone()) { // cancelled while the request was being sent
                p.cancel(true);
            }
            whenDone(p, executor, (response, error) -> {
                exchange.finish();
                try {
                    Throwable cause = unwrap(error);
                    if (cause instanceof CancellationException && exchange.expired() && deadlines.isClosed()) {
                        result.completeExceptionally(new NacosException(request + ": the client was closed during the call"));
                        return;
                    }
                    if (cause instanceof CancellationException && exchange.expired()) {
                        cause = new HttpTimeoutException("response not complete within "
                                + deadline.budget().toMillis() + " ms");
                    }
                    NacosResponse answer = handle(server, response, cause);
                    if (answer != null) {
                        result.complete(answer);
                    } else if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        attemptAsync(index + 1);
                    }
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }

        /**
         * Classifies one attempt: returns the answer, or null with {@link #failure} set (the call is over),
         * or null without (try the next server).
         */
        NacosResponse handle(ServerAddress server, HttpResponse<String> response, Throwable error) {
            if (error == null) {
                int status = response.statusCode();
                if (isFailoverStatus(status)) {
                    failedOver(server, toNacosResponse(server, response).summary(), null);
                    return null;
                }
                rotation.succeeded(server);
                if (log.isLoggable(Level.TRACE)) {
                    log.log(Level.TRACE, "{0} -> HTTP {1} from {2} ({3} ms)", request, status, server,
                            deadline.elapsedMillis());
                }
                return toNacosResponse(server, response);
            }
            if (error instanceof HttpConnectTimeoutException || error instanceof ConnectException) {
                // a refused connection has no message: name the exception rather than print "null"
                failedOver(server, "cannot connect (" + (error.getMessage() != null ? error.getMessage()
                        : error.getClass().getSimpleName()) + ")", error);
            } else if (error instanceof HttpTimeoutException) {
                failedOver(server, "timed out", error);
                if (deadline.expired()) {
                    failure = timeout(error);
                }
            } else if (error instanceof IOException) {
                failedOver(server, error.getClass().getSimpleName() + " " + error.getMessage(), error);
            } else if (error instanceof CancellationException || error instanceof RejectedExecutionException) {
                failure = new NacosException(request + ": cancelled (client closed?)", error);
            } else {
                failure = new NacosException(request + " to " + server + " failed", error);
            }
            return null;
        }

        private void failedOver(ServerAddress server, String reason, Throwable cause) {
            rotation.failed(server, servers);
            failures.add(server + ": " + reason);
            lastCause = cause;
            log.log(Level.DEBUG, "{0} failed on {1}: {2}", request, server, reason);
        }

        private boolean isFailoverStatus(int status) {
            return status == 502 || status == 503 || (status == 500 && !serverErrorIsAnswer);
        }

        private NacosTimeoutException timeout(Throwable cause) {
            return new NacosTimeoutException(request + " got no answer in time from " + String.join(", ", tried),
                    deadline.budget(), cause);
        }
    }

    /** Ends the exchanges still running. */
    @Override
    public void close() {
        deadlines.close();
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
