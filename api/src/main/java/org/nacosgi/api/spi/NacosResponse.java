package org.nacosgi.api.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.ConflictException;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.ServerErrorException;

/** A server's answer: status, headers (case-insensitive names) and the body as UTF-8 text. Immutable. */
public final class NacosResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;
    private final String server;

    public NacosResponse(int status, Map<String, List<String>> headers, String body, String server) {
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                h.put(k, List.copyOf(v));
            }
        });
        this.headers = java.util.Collections.unmodifiableMap(h);
        this.body = body == null ? "" : body;
        this.server = Objects.requireNonNull(server, "server");
    }

    public int status() { return status; }
    public Map<String, List<String>> headers() { return headers; }
    public String body() { return body; }
    /** The base URL of the server that answered. */
    public String server() { return server; }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The exception a caller should see for this non-success answer: 404 {@link NotFoundException}, 401/403
     * {@link AuthException}, 409 {@link ConflictException}, 410 {@link OperationNotSupportedException}, else
     * {@link ServerErrorException}. {@code what} names the operation ("get config app.properties/DEFAULT_GROUP").
     */
    public NacosException toException(String what) {
        String detail = what + ": " + summary();
        switch (status) {
            case 404:
                return new NotFoundException(detail);
            case 401:
            case 403:
                return new AuthException(detail);
            case 409:
                return new ConflictException(detail);
            case 410:
                return new OperationNotSupportedException(detail);
            default:
                return new ServerErrorException(status, detail);
        }
    }

    /** The first line of the body, shortened, for messages; HTML pages are named, not quoted. */
    public String summary() {
        String b = body.strip();
        if (b.toLowerCase(Locale.ROOT).startsWith("<!doctype") || b.toLowerCase(Locale.ROOT).startsWith("<html")) {
            return "HTTP " + status + " with an HTML page (a proxy or load balancer answered?)";
        }
        int nl = b.indexOf('\n');
        if (nl >= 0) {
            b = b.substring(0, nl).strip();
        }
        if (b.length() > 200) {
            b = b.substring(0, 200) + "...";
        }
        return "HTTP " + status + (b.isEmpty() ? "" : " " + b);
    }

    @Override
    public String toString() {
        return "NacosResponse{" + status + " from " + server + ", " + body.length() + " chars}";
    }
}
