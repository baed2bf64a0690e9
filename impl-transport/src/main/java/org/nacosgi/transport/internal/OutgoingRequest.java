package org.nacosgi.transport.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nacosgi.api.spi.NacosRequest;

/**
 * A {@link NacosRequest} plus what the pipeline steps add (token, signature): turned into one
 * {@link HttpRequest} per server tried. GET/DELETE carry their form parameters in the query (as the official
 * clients do); POST/PUT send them as a UTF-8 form body. Immutable: each step returns a new one.
 */
final class OutgoingRequest {
    /** The wire protocol version we speak; servers gate behaviour (UDP push) on it. */
    static final String PROTOCOL_VERSION = "1.4.8";
    static final String NACOSGI_VERSION = "0.1.0";
    /** UDP push requires the {@code Nacos-Java-Client:v} prefix and a version >= 0.1.0. */
    static final String USER_AGENT = "Nacos-Java-Client:v" + PROTOCOL_VERSION + " nacosgi/" + NACOSGI_VERSION;

    private final NacosRequest request;
    private final Map<String, String> query;
    private final Map<String, String> form;
    private final Map<String, String> headers;

    private OutgoingRequest(NacosRequest request, Map<String, String> query, Map<String, String> form,
            Map<String, String> headers) {
        this.request = request;
        this.query = query;
        this.form = form;
        this.headers = headers;
    }

    static OutgoingRequest of(NacosRequest request) {
        return new OutgoingRequest(request, Map.of(), Map.of(), Map.of());
    }

    NacosRequest request() {
        return request;
    }

    boolean hasBody() {
        return request.method() == NacosRequest.Method.POST || request.method() == NacosRequest.Method.PUT;
    }

    /** Adds a parameter where the method carries parameters: the form for POST/PUT, the query otherwise. */
    OutgoingRequest withParameter(String name, String value) {
        return hasBody() ? withForm(name, value) : withQuery(name, value);
    }

    OutgoingRequest withQuery(String name, String value) {
        return new OutgoingRequest(request, plus(query, name, value), form, headers);
    }

    OutgoingRequest withForm(String name, String value) {
        return new OutgoingRequest(request, query, plus(form, name, value), headers);
    }

    OutgoingRequest withHeader(String name, String value) {
        return new OutgoingRequest(request, query, form, plus(headers, name, value));
    }

    /** The value a step added or the caller set, for tests. */
    String parameter(String name) {
        String v = hasBody() ? form.get(name) : query.get(name);
        if (v == null) {
            v = query.get(name);
        }
        return v;
    }

    String header(String name) {
        return headers.get(name);
    }

    private static Map<String, String> plus(Map<String, String> map, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(name, value);
        return copy;
    }

    /** The HTTP request for one server, with the standard headers and {@code timeout} (the budget left). */
    HttpRequest toHttpRequest(ServerAddress server, Duration timeout, String requestId) {
        Map<String, String> q = request.query();
        Map<String, String> f = request.form();
        if (!query.isEmpty() || !form.isEmpty() || (!hasBody() && !f.isEmpty())) { // copy only when merging
            q = new LinkedHashMap<>(q);
            f = new LinkedHashMap<>(f);
            if (!hasBody()) {
                q.putAll(f);
                f.clear();
            }
            q.putAll(query);
            f.putAll(form);
        }
        StringBuilder url = new StringBuilder(server.baseUrl()).append(request.path());
        if (!q.isEmpty()) {
            url.append('?');
            encode(q, url);
        }
        HttpRequest.Builder b = withClientHeaders(URI.create(url.toString()),
                // the budget may run out between the check and here; HttpRequest refuses a zero timeout
                timeout.isZero() || timeout.isNegative() ? Duration.ofMillis(1) : timeout)
                .header("RequestId", requestId);
        request.headers().forEach(b::setHeader);
        headers.forEach(b::setHeader);
        if (hasBody()) {
            StringBuilder body = new StringBuilder();
            encode(f, body);
            b.setHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            b.method(request.method().name(), HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            b.method(request.method().name(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    /**
     * A request to {@code uri} with the headers every request carries, as the official clients send them (the
     * protocol doc, section 2).
     */
    static HttpRequest.Builder withClientHeaders(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .header("Client-Version", PROTOCOL_VERSION)
                .header("Accept-Charset", "UTF-8");
    }

    /** {@code application/x-www-form-urlencoded} in UTF-8, also used for query strings. */
    static void encode(Map<String, String> params, StringBuilder out) {
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                out.append('&');
            }
            first = false;
            out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
    }

    /** Method and path only; parameters may hold content or secrets. */
    @Override
    public String toString() {
        return request.toString();
    }
}
