package org.nacosgi.api.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP call to a Nacos server, relative to the context path: method, API path, query and form parameters,
 * extra headers, timeout, and what AK/SK signing covers. Immutable; build with {@link #get(String)} and friends.
 * The transport adds credentials, the token and the standard headers; callers never put secrets here.
 */
public final class NacosRequest {
    /** HTTP methods Nacos uses. */
    public enum Method { GET, POST, PUT, DELETE }

    /** What an AK/SK signature covers (the protocol doc, section 3). */
    public enum Signing {
        /** Not signed. */
        NONE,
        /** Config: headers {@code Spas-AccessKey}, {@code Timestamp}, {@code Spas-Signature} over {@link #signResource()} + "+" + ts. */
        CONFIG,
        /** Naming: parameters {@code ak}, {@code data} = ts@@{@link #signResource()}, {@code signature}. */
        NAMING
    }

    private final Method method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> form;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Signing signing;
    private final String signResource;
    private final boolean authenticated;

    private NacosRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
        this.form = Collections.unmodifiableMap(new LinkedHashMap<>(b.form));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timeout = b.timeout;
        this.signing = b.signing;
        this.signResource = b.signResource;
        this.authenticated = b.authenticated;
    }

    public static Builder get(String path) { return new Builder(Method.GET, path); }
    public static Builder post(String path) { return new Builder(Method.POST, path); }
    public static Builder put(String path) { return new Builder(Method.PUT, path); }
    public static Builder delete(String path) { return new Builder(Method.DELETE, path); }

    public Method method() { return method; }
    /** The API path after the context path, starting with '/', e.g. {@code /v1/cs/configs}. */
    public String path() { return path; }
    /** Query parameters in order; values are not yet encoded. */
    public Map<String, String> query() { return query; }
    /** Form parameters (sent UTF-8 url-encoded); empty for a body-less request. */
    public Map<String, String> form() { return form; }
    public Map<String, String> headers() { return headers; }
    /** The per-request timeout; empty means the client's default timeout. */
    public Optional<Duration> timeout() { return Optional.ofNullable(timeout); }
    public Signing signing() { return signing; }
    /** For {@link Signing#CONFIG}: "tenant+group", "group" or ""; for {@link Signing#NAMING}: the grouped service name or "". */
    public String signResource() { return signResource; }
    /** Whether the transport adds the access token (false only for the login itself). */
    public boolean authenticated() { return authenticated; }

    public Builder toBuilder() {
        Builder b = new Builder(method, path);
        b.query.putAll(query);
        b.form.putAll(form);
        b.headers.putAll(headers);
        b.timeout = timeout;
        b.signing = signing;
        b.signResource = signResource;
        b.authenticated = authenticated;
        return b;
    }

    /** Method and path only: never parameters, which may hold content. */
    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Not thread-safe. Null parameter values are skipped, so optional parameters need no if. */
    public static final class Builder {
        private final Method method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> form = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout;
        private Signing signing = Signing.NONE;
        private String signResource = "";
        private boolean authenticated = true;

        private Builder(Method method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.path = path;
        }

        public Builder query(String name, Object value) {
            if (value != null) {
                query.put(name, value.toString());
            }
            return this;
        }

        public Builder form(String name, Object value) {
            if (value != null) {
                form.put(name, value.toString());
            }
            return this;
        }

        public Builder header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder sign(Signing signing, String resource) {
            this.signing = Objects.requireNonNull(signing, "signing");
            this.signResource = resource == null ? "" : resource;
            return this;
        }

        public Builder unauthenticated() {
            this.authenticated = false;
            return this;
        }

        public NacosRequest build() {
            return new NacosRequest(this);
        }
    }
}
