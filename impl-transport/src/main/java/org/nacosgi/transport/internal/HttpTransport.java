package org.nacosgi.transport.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.ServerGeneration;
import org.nacosgi.api.spi.Transport;

/**
 * The transport: each call runs the ordered steps login (token) -> signing (AK/SK) -> failover (servers), and
 * when the server refuses the token as expired or invalid, logs in once more and retries once. One time budget
 * (the request's timeout or the default) covers the whole call.
 */
final class HttpTransport implements Transport, AutoCloseable {
    static final String AUTHORIZATION = "Authorization";
    static final String BEARER = "Bearer ";
    private final Duration defaultTimeout;
    private final FailoverSender failover;
    private final LoginSession login;
    private final RequestSigner signer;
    private final ScheduledExecutorService scheduler;
    private final String clientName;
    private final Set<CompletableFuture<NacosResponse>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CompletableFuture<ServerGeneration>> generation = new AtomicReference<>();
    private volatile GenerationProbe probe;
    private volatile boolean closed;

    /** {@code login} and {@code signer} are null when no credentials are configured. */
    HttpTransport(String clientName, Duration defaultTimeout, FailoverSender failover, LoginSession login,
            RequestSigner signer, ScheduledExecutorService scheduler) {
        this.clientName = clientName;
        this.defaultTimeout = defaultTimeout;
        this.failover = failover;
        this.login = login;
        this.signer = signer;
        this.scheduler = scheduler;
    }

    /** Set once by the runtime (the probe sends through this transport). */
    void probe(GenerationProbe probe) {
        this.probe = probe;
    }

    /** The same steps as {@link #sendAsync}, in the calling thread (no thread hop per call). */
    @Override
    public NacosResponse send(NacosRequest request) {
        if (closed) {
            throw closedException(request);
        }
        return exchangeBlocking(OutgoingRequest.of(request),
                Deadline.after(request.timeout().orElse(defaultTimeout)), true);
    }

    private NacosResponse exchangeBlocking(OutgoingRequest out, Deadline deadline, boolean mayRelogin) {
        String t = login != null && out.request().authenticated() ? awaitToken(out, deadline) : null;
        NacosResponse response = failover.sendBlocking(prepare(out, t), deadline, false);
        if (isRefused(t, response)) {
            login.invalidate(t);
            if (mayRelogin) {
                return exchangeBlocking(out, deadline, false); // one fresh login, one retry
            }
            throw refusedAgain(out, response);
        }
        return response;
    }

    private String awaitToken(OutgoingRequest out, Deadline deadline) {
        CompletableFuture<String> f = login.token();
        try {
            return f.isDone() ? f.join() : f.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new NacosTimeoutException(out + ": the login did not finish in time", deadline.budget(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NacosException(out + ": interrupted while logging in", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CompletionException e) {
            Throwable cause = FailoverSender.unwrap(e);
            throw cause instanceof RuntimeException ? (RuntimeException) cause
                    : new NacosException(out + ": login failed", cause);
        }
    }

    /** The token (null: none) and signing steps. */
    private OutgoingRequest prepare(OutgoingRequest out, String t) {
        OutgoingRequest o = t == null ? out : withToken(out, t);
        return signer == null ? o : signer.sign(o);
    }

    private static boolean isRefused(String t, NacosResponse response) {
        return t != null && LoginSession.isTokenRejected(response);
    }

    private static AuthException refusedAgain(OutgoingRequest out, NacosResponse response) {
        return new AuthException(out + ": the server refused a fresh token: " + response.summary());
    }

    @Override
    public CompletableFuture<NacosResponse> sendAsync(NacosRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException(request));
        }
        Deadline deadline = Deadline.after(request.timeout().orElse(defaultTimeout));
        CompletableFuture<NacosResponse> result = new CompletableFuture<>();
        inFlight.add(result);
        if (closed) { // close() may have swept the set before the add
            inFlight.remove(result);
            return CompletableFuture.failedFuture(closedException(request));
        }
        exchange(OutgoingRequest.of(request), deadline, true, result).whenComplete((r, e) -> {
            inFlight.remove(result);
            if (e != null) {
                result.completeExceptionally(FailoverSender.unwrap(e));
            } else {
                result.complete(r);
            }
        });
        return result;
    }

    /** {@code caller}: once it is done (answered, cancelled, failed by close()) the exchange still running ends. */
    private CompletableFuture<NacosResponse> exchange(OutgoingRequest out, Deadline deadline, boolean mayRelogin,
            CompletableFuture<NacosResponse> caller) {
        boolean withToken = login != null && out.request().authenticated();
        CompletableFuture<String> token = withToken
                ? within(login.token(), deadline, out)
                : CompletableFuture.completedFuture(null);
        return token.thenCompose(t -> {
            CompletableFuture<NacosResponse> sent = failover.send(prepare(out, t), deadline, false);
            caller.whenComplete((r, e) -> sent.cancel(true));
            return sent.thenCompose(response -> {
                if (isRefused(t, response)) {
                    login.invalidate(t);
                    if (mayRelogin) {
                        return exchange(out, deadline, false, caller); // one fresh login, one retry
                    }
                    throw refusedAgain(out, response);
                }
                return CompletableFuture.completedFuture(response);
            });
        });
    }

    /**
     * POST/PUT carry the token in the form body; GET/DELETE in {@code Authorization: Bearer} (read by every server
     * with auth, 1.2 on), never in the URL, which proxies and access logs keep.
     */
    static OutgoingRequest withToken(OutgoingRequest out, String token) {
        return out.hasBody() ? out.withForm(LoginSession.ACCESS_TOKEN, token)
                : out.withHeader(AUTHORIZATION, BEARER + token);
    }

    /** {@code f}, but failed with a timeout when the call's budget runs out first (a login may be slow). */
    private <T> CompletableFuture<T> within(CompletableFuture<T> f, Deadline deadline, OutgoingRequest out) {
        if (f.isDone()) {
            return f;
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        try {
            timer = scheduler.schedule(() -> bounded.completeExceptionally(new NacosTimeoutException(
                    out + ": the login did not finish in time", deadline.budget(), null)),
                    deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(closedException(out.request()));
        }
        f.whenComplete((v, e) -> {
            timer.cancel(false);
            if (e != null) {
                bounded.completeExceptionally(e);
            } else {
                bounded.complete(v);
            }
        });
        return bounded;
    }

    @Override
    public ServerGeneration generation() {
        while (true) {
            CompletableFuture<ServerGeneration> f = generation.get();
            if (f != null) {
                try {
                    return f.join();
                } catch (RuntimeException e) {
                    Throwable cause = FailoverSender.unwrap(e);
                    throw cause instanceof RuntimeException ? (RuntimeException) cause
                            : new NacosException("probing the server generation failed", cause);
                }
            }
            CompletableFuture<ServerGeneration> mine = new CompletableFuture<>();
            if (generation.compareAndSet(null, mine)) {
                try {
                    ServerGeneration g = probe.probe();
                    mine.complete(g);
                    return g;
                } catch (RuntimeException e) {
                    generation.compareAndSet(mine, null); // not cached: the next call probes again
                    mine.completeExceptionally(e);
                    throw e;
                }
            }
        }
    }

    @Override
    public void generationChanged() {
        CompletableFuture<ServerGeneration> f = generation.get();
        if (f != null && f.isDone()) {
            generation.compareAndSet(f, null);
        }
    }

    @Override
    public List<String> servers() {
        List<String> out = new ArrayList<>();
        for (ServerAddress s : failover.order()) {
            out.add(s.baseUrl());
        }
        return List.copyOf(out);
    }

    /** Ends every exchange and fails every call still waiting, so no caller blocks on a client that is gone. */
    @Override
    public void close() {
        closed = true;
        failover.close();
        for (CompletableFuture<NacosResponse> f : inFlight) {
            f.completeExceptionally(new NacosException("client '" + clientName + "' was closed during the call"));
        }
        inFlight.clear();
    }

    private NacosException closedException(NacosRequest request) {
        return new NacosException(request + ": client '" + clientName + "' is closed");
    }
}
