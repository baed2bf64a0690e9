package org.nacosgi.transport.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

/**
 * The login step: one access token per client, fetched with the password in the form body, reused until 90% of
 * its {@code tokenTtl}, shared by concurrent callers (one login in flight at a time). Tries
 * {@code /v1/auth/login} and, when that answers 404/410 (3.2+), {@code /v3/auth/user/login}.
 * <p>
 * A login refused with 401/403 fails the call with {@link AuthException}. A login answered with another status
 * (2.x with auth off answers 500 "User nacos not found") lets calls go on without a token for a while, as the
 * official client does; the server's own 403 then tells the caller if a token was needed.
 */
final class LoginSession {
    static final String V1_LOGIN_PATH = "/v1/auth/login";
    static final String V3_LOGIN_PATH = "/v3/auth/user/login";
    /** The parameter carrying the token on every generation. */
    static final String ACCESS_TOKEN = "accessToken";
    /** How long calls go without a token after a login that was answered but gave none. */
    static final Duration NO_TOKEN_RETRY = Duration.ofSeconds(30);
    /** A token is renewed after this share of its lifetime, as the official client does. */
    private static final double REFRESH_SHARE = 0.9;

    private final String username;
    private final String password;
    private final FailoverSender sender;
    private final JsonProvider json;
    private final LongSupplier nanoClock;
    private final Duration loginTimeout;
    private final System.Logger log;
    /** The token, or null while calls go without one; the future's value is never logged. */
    private final AtomicReference<CompletableFuture<String>> current = new AtomicReference<>();
    /** When the token of the done {@link #current} is renewed; one login runs at a time. */
    private volatile long refreshAtNanos;
    private volatile String loginPath = V1_LOGIN_PATH;

    LoginSession(String username, String password, FailoverSender sender, JsonProvider json, LongSupplier nanoClock,
            Duration loginTimeout, System.Logger log) {
        this.username = username;
        this.password = password == null ? "" : password;
        this.sender = sender;
        this.json = json;
        this.nanoClock = nanoClock;
        this.loginTimeout = loginTimeout;
        this.log = log;
    }

    /**
     * A token for one call (null: send none): the cached one while fresh, else the result of the one login in
     * flight.
     */
    CompletableFuture<String> token() {
        while (true) {
            CompletableFuture<String> f = current.get();
            if (f != null && (!f.isDone() || (!f.isCompletedExceptionally()
                    && nanoClock.getAsLong() - refreshAtNanos < 0 && current.get() == f))) {
                return f;
            }
            CompletableFuture<String> next = new CompletableFuture<>();
            if (current.compareAndSet(f, next)) {
                login().whenComplete((t, e) -> {
                    if (e != null) {
                        current.compareAndSet(next, null); // the next caller tries again
                        next.completeExceptionally(FailoverSender.unwrap(e));
                    } else {
                        next.complete(t);
                    }
                });
                return next;
            }
        }
    }

    /** Drops {@code rejected} so the next {@link #token()} logs in again; a newer token is kept. */
    void invalidate(String rejected) {
        CompletableFuture<String> f = current.get();
        if (f != null && f.isDone() && !f.isCompletedExceptionally() && rejected.equals(f.getNow(null))) {
            current.compareAndSet(f, null);
        }
    }

    /** Whether the server refused the token itself (expired, invalid, signed with another key): log in again. */
    static boolean isTokenRejected(NacosResponse response) {
        if (response.status() != 401 && response.status() != 403) {
            return false;
        }
        String body = response.body().toLowerCase(Locale.ROOT);
        return body.contains("token expired") || body.contains("token invalid") || body.contains("invalid signature");
    }

    private CompletableFuture<String> login() {
        long started = nanoClock.getAsLong();
        String path = loginPath;
        return attempt(path, started).thenCompose(r -> {
            if (path.equals(V1_LOGIN_PATH) && (r.status() == 404 || r.status() == 410)) {
                return attempt(V3_LOGIN_PATH, started).thenApply(r3 -> {
                    if (r3.isSuccess()) {
                        loginPath = V3_LOGIN_PATH;
                    }
                    return r3;
                });
            }
            return CompletableFuture.completedFuture(r);
        }).thenApply(r -> toToken(r, started));
    }

    private CompletableFuture<NacosResponse> attempt(String path, long started) {
        NacosRequest request = NacosRequest.post(path)
                .form("username", username)
                .form("password", password)
                .unauthenticated()
                .build();
        // 500 is an answer here: servers report unknown users and disabled auth that way
        return sender.send(OutgoingRequest.of(request), Deadline.after(loginTimeout), true);
    }

    /** The token, or null for none; sets when to renew it. */
    private String toToken(NacosResponse r, long started) {
        if (r.status() == 401 || r.status() == 403) {
            throw new AuthException("login as '" + username + "' refused by " + r.server() + ": " + r.summary());
        }
        if (!r.isSuccess()) {
            log.log(Level.WARNING, "login as ''{0}'' at {1} gave no token ({2}); sending requests without a token "
                    + "for {3} s (auth may be disabled on the server)", username, r.server(), r.summary(),
                    NO_TOKEN_RETRY.toSeconds());
            refreshAtNanos = started + NO_TOKEN_RETRY.toNanos();
            return null;
        }
        JsonObject body;
        try (JsonReader reader = json.createReader(new StringReader(r.body()))) {
            body = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedResponseException("login answer from " + r.server() + " is not a JSON object", e);
        }
        JsonValue token = body.get(ACCESS_TOKEN);
        if (!(token instanceof JsonString) || ((JsonString) token).getString().isEmpty()) {
            throw new MalformedResponseException("login answer from " + r.server() + " has no accessToken");
        }
        long ttlSeconds = 18000;
        JsonValue ttl = body.get("tokenTtl");
        if (ttl instanceof JsonNumber) {
            ttlSeconds = ((JsonNumber) ttl).longValue();
        }
        refreshAtNanos = started + (long) (Duration.ofSeconds(Math.max(ttlSeconds, 1)).toNanos() * REFRESH_SHARE);
        log.log(Level.DEBUG, "logged in as ''{0}'' at {1}; token valid for {2} s", username, r.server(), ttlSeconds);
        return ((JsonString) token).getString();
    }
}
