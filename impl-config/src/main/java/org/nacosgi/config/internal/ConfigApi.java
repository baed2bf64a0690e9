package org.nacosgi.config.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.ServerErrorException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.Transport;

/**
 * The config calls on the wire, routed by server generation: the v1 client API wherever it is served (1.x, 2.x,
 * 3.0/3.1), else {@code /v3/client} for reads and {@code /v3/admin} for writes (3.2+). The v1 client API is used
 * first; an HTTP 410, or a 404 that is not the "config data not exist" answer, means the route is gone: the transport
 * is told ({@link Transport#generationChanged()}) and the call is retried once on the other API, which is then kept.
 * Routing by the answers themselves needs no probe before the first call and never blocks a thread on one. A 410 is
 * never "not found".
 */
final class ConfigApi {
    static final String V1_CONFIGS = "/v1/cs/configs";
    static final String V3_CLIENT_CONFIG = "/v3/client/cs/config";
    static final String V3_ADMIN_CONFIG = "/v3/admin/cs/config";
    /** The body of a v1 "not found", on every generation captured. */
    private static final String V1_NOT_FOUND = "config data not exist";
    /** v3 envelope code of a missing resource. */
    private static final int CODE_NOT_FOUND = 20004;
    /** v3 admin envelope code of a failed compare-and-set. */
    private static final int CODE_CONFLICT = 20005;

    /** How the last answer of a refused compare-and-set reads in a failover message (2.5.1, 3.0.3 v1, 3.x admin). */
    private static final Pattern CAS_FAILURE =
            Pattern.compile("HTTP 500 (caused: Cas publish fail|false\\b|\\{\"code\":" + CODE_CONFLICT + ")");

    private final Transport transport;
    private final JsonProvider json;
    private final boolean hasCredentials;
    /** Which API is in use: the v1 client API until one of its routes is gone (3.2+ servers). */
    private volatile boolean useV1 = true;

    ConfigApi(Transport transport, JsonProvider json, boolean hasCredentials) {
        this.transport = transport;
        this.json = json;
        this.hasCredentials = hasCredentials;
    }

    Transport transport() {
        return transport;
    }

    /**
     * Whether the servers have the v1 client API and its long-poll listener (every generation but 3.2+): assumed
     * until a v1 route fails, so a client of a 1.x-3.1 server never waits for a probe.
     */
    boolean hasListener() {
        return useV1;
    }

    /** The v1 listener answered 410 or 404-on-route: the transport forgets its generation, we use the v3 API. */
    void routeGone() {
        transport.generationChanged();
        useV1 = false;
    }

    /**
     * Reads a config. {@code inCallerThread}: send with the transport's blocking call, so a synchronous caller runs
     * the whole exchange in its own thread (no hand-off); else asynchronously.
     */
    CompletableFuture<Fetched> fetch(ConfigKey key, Duration timeout, boolean inCallerThread) {
        Function<NacosRequest, CompletableFuture<NacosResponse>> s = sender(inCallerThread);
        return routed(v1 -> fetch(key, timeout, s, v1));
    }

    CompletableFuture<Void> publish(ConfigKey key, String content, String type, String casMd5, Duration timeout,
            boolean inCallerThread) {
        Function<NacosRequest, CompletableFuture<NacosResponse>> s = sender(inCallerThread);
        return routed(v1 -> publish(key, content, type, casMd5, timeout, s, v1));
    }

    CompletableFuture<Void> remove(ConfigKey key, Duration timeout, boolean inCallerThread) {
        Function<NacosRequest, CompletableFuture<NacosResponse>> s = sender(inCallerThread);
        return routed(v1 -> remove(key, timeout, s, v1));
    }

    /** How a request goes out: {@link Transport#sendAsync} or {@link Transport#send} wrapped as a done future. */
    private Function<NacosRequest, CompletableFuture<NacosResponse>> sender(boolean inCallerThread) {
        if (!inCallerThread) {
            return transport::sendAsync;
        }
        return request -> {
            try {
                return CompletableFuture.completedFuture(transport.send(request));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /**
     * Runs a call on the API in use; on {@link RouteGone} the transport is told and the call runs once on the other
     * API, which stays in use when it answered (a success, or any failure but a missing route).
     */
    private <T> CompletableFuture<T> routed(Function<Boolean, CompletableFuture<T>> call) {
        boolean first = useV1;
        return call.apply(first).handle((value, error) -> {
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof RouteGone) {
                transport.generationChanged();
                return call.apply(!first).handle((v2, e2) -> {
                    Throwable c2 = Futures.unwrap(e2);
                    if (c2 instanceof RouteGone) {
                        throw ((RouteGone) cause).asException();
                    }
                    useV1 = !first;
                    if (c2 != null) {
                        throw Futures.rethrowable(c2);
                    }
                    return v2;
                });
            }
            if (cause != null) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            return CompletableFuture.completedFuture(value);
        }).thenCompose(Function.identity());
    }

    /**
     * A config request: the key as v1 ({@code dataId, group, tenant}) or v3 ({@code dataId, groupName,
     * namespaceId}) parameters, in the form of a POST, else in the query.
     */
    private static NacosRequest.Builder request(NacosRequest.Builder b, boolean post, boolean v1, ConfigKey key,
            Duration timeout) {
        String[] names = {"dataId", v1 ? "group" : "groupName", v1 ? "tenant" : "namespaceId"};
        String[] values = {key.dataId(), key.group(), key.tenantParam()};
        for (int i = 0; i < names.length; i++) {
            if (post) {
                b.form(names[i], values[i]);
            } else {
                b.query(names[i], values[i]);
            }
        }
        return b.timeout(timeout).sign(NacosRequest.Signing.CONFIG, key.signResource());
    }

    /** v1: {@code /v1/cs/configs}; v3: {@code /v3/client} (no login needed), whose answer is a JSON envelope. */
    private CompletableFuture<Fetched> fetch(ConfigKey key, Duration timeout,
            Function<NacosRequest, CompletableFuture<NacosResponse>> sender, boolean v1) {
        String what = "get config " + key;
        return sender.apply(request(NacosRequest.get(v1 ? V1_CONFIGS : V3_CLIENT_CONFIG), false, v1, key, timeout)
                .build()).thenApply(r -> {
            if (v1 && r.status() == 200) {
                checkIsConfigContent(r, what);
                return Fetched.found(r.body(), r.header("Config-Type").orElse(null));
            }
            if (v1 && r.status() == 404 && r.body().strip().startsWith(V1_NOT_FOUND)) {
                return Fetched.missing();
            }
            if (v1 || r.status() != 200) {
                throw failure(r, what);
            }
            JsonObject envelope = parse(r, what);
            int code = envelope.getInt("code", -1);
            if (code == CODE_NOT_FOUND) {
                return Fetched.missing();
            }
            JsonValue data = envelope.get("data");
            if (code != 0 || data == null || data.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedResponseException(what + ": unexpected answer " + r.summary());
            }
            JsonObject d = data.asJsonObject();
            if (!d.containsKey("content") || d.isNull("content")) {
                throw new MalformedResponseException(what + ": answer without content " + r.summary());
            }
            String type = d.containsKey("contentType") && !d.isNull("contentType") ? d.getString("contentType") : null;
            return Fetched.found(d.getString("content"), type);
        });
    }

    /** v1: {@code /v1/cs/configs}; v3: {@code /v3/admin}, which needs a login. */
    private CompletableFuture<Void> publish(ConfigKey key, String content, String type, String casMd5,
            Duration timeout, Function<NacosRequest, CompletableFuture<NacosResponse>> sender, boolean v1) {
        String what = "publish config " + key;
        if (!v1 && !hasCredentials) {
            return CompletableFuture.failedFuture(adminNeedsToken(what));
        }
        NacosRequest request = request(NacosRequest.post(v1 ? V1_CONFIGS : V3_ADMIN_CONFIG), true, v1, key, timeout)
                .form("content", content).form("type", type).header("casMd5", casMd5).build();
        return casAware(sender.apply(request), casMd5, what).thenApply(r -> {
            if (casMd5 != null && isCasFailure(r)) {
                throw conflict(what, casMd5, r.summary());
            }
            accepted(r, what, v1);
            return null;
        });
    }

    private CompletableFuture<Void> remove(ConfigKey key, Duration timeout,
            Function<NacosRequest, CompletableFuture<NacosResponse>> sender, boolean v1) {
        String what = "remove config " + key;
        if (!v1 && !hasCredentials) {
            return CompletableFuture.failedFuture(adminNeedsToken(what));
        }
        return sender.apply(request(NacosRequest.delete(v1 ? V1_CONFIGS : V3_ADMIN_CONFIG), false, v1, key, timeout)
                .build()).thenApply(r -> {
            accepted(r, what, v1);
            return null;
        });
    }

    /**
     * A compare-and-set mismatch is an HTTP 500, which the transport treats as "server failed" and fails over on; when
     * every server refused the same way, the failure names that last answer. Turn that back into the conflict it is.
     */
    private static CompletableFuture<NacosResponse> casAware(CompletableFuture<NacosResponse> sent, String casMd5,
            String what) {
        if (casMd5 == null) {
            return sent;
        }
        return sent.handle((r, error) -> {
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof ServerUnavailableException && CAS_FAILURE.matcher(cause.getMessage()).find()) {
                throw conflict(what, casMd5, cause.getMessage());
            }
            if (cause != null) {
                throw Futures.rethrowable(cause);
            }
            return r;
        });
    }

    /**
     * 2.5.1: 500 "caused: Cas publish fail, server md5 may have changed.;", 3.0.3 v1: 500 body "false", 3.x admin:
     * 500 with envelope code 20005.
     */
    private static boolean isCasFailure(NacosResponse r) {
        String body = r.body().strip();
        return r.status() == 409 || (r.status() == 500 && (body.contains("Cas publish fail") || body.equals("false")
                || body.contains("\"code\":" + CODE_CONFLICT)));
    }

    private static ConflictException conflict(String what, String casMd5, String answer) {
        return new ConflictException(what + ": the server's md5 is not " + casMd5 + " (" + answer + ")");
    }

    /** A write's answer: v1 says {@code true}, the v3 admin API an envelope with code 0. */
    private void accepted(NacosResponse r, String what, boolean v1) {
        if (r.status() != 200) {
            throw failure(r, what);
        }
        if (v1 ? !r.body().strip().equals("true") : parse(r, what).getInt("code", -1) != 0) {
            throw new ServerErrorException(200, what + ": the server did not accept it: " + r.summary());
        }
    }

    private static OperationNotSupportedException adminNeedsToken(String what) {
        return new OperationNotSupportedException(what + ": this Nacos server (3.2+) takes config writes only on its"
                + " admin API (/v3/admin), which needs a login: set the client options username and password");
    }

    private JsonObject parse(NacosResponse r, String what) {
        try (JsonReader reader = json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new MalformedResponseException(what + ": not a JSON object: " + r.summary(), e);
        }
    }

    /**
     * A 200 is only content when it is the server's: a body that does not match the server's Content-MD5 was cut or
     * altered on the way, and an HTML page without the Config-Type header every Nacos sends came from a proxy or
     * portal. Either would otherwise reach listeners and the snapshot as the config's content.
     */
    private static void checkIsConfigContent(NacosResponse r, String what) {
        Optional<String> md5 = r.header("Content-MD5").filter(m -> !m.isBlank());
        if (md5.isPresent() && !md5.get().strip().equalsIgnoreCase(Md5.of(r.body()))) {
            throw new MalformedResponseException(what + ": the content does not match the server's Content-MD5"
                    + " (cut or altered on the way)");
        }
        boolean html = r.header("Content-Type").map(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith("text/html"))
                .orElse(false);
        if (html && r.header("Config-Type").isEmpty()) {
            throw new MalformedResponseException(what + ": " + r.summary() + " without the server's Config-Type"
                    + " header: not config content");
        }
    }

    /** 410, or a 404 that is not a config's "not found", says the API is gone; everything else maps as usual. */
    private static RuntimeException failure(NacosResponse r, String what) {
        if (r.status() == 410) {
            return new RouteGone(new OperationNotSupportedException(what + ": the server no longer serves "
                    + "this API (" + r.summary() + ")"));
        }
        if (r.status() == 404) {
            // never a NotFoundException: a missing route must not read as a missing config (and delete a snapshot)
            return new RouteGone(new ServerErrorException(404, what + ": the server does not serve this API ("
                    + r.summary() + ")"));
        }
        return r.toException(what);
    }

    /** Internal signal: the API answered 410 / 404-on-route; carries what to throw if no other generation helps. */
    static final class RouteGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RouteGone(NacosException exception) {
            super(exception.getMessage(), exception, false, false);
        }

        NacosException asException() {
            return (NacosException) getCause();
        }
    }
}
