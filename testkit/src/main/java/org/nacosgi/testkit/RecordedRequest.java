package org.nacosgi.testkit;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request as the testkit received it. Immutable; header names are lower case. */
public final class RecordedRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> form;
    private final Map<String, List<String>> headers;
    private final Instant time;

    public RecordedRequest(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> form, Map<String, List<String>> headers, Instant time) {
        this.method = method;
        this.path = path;
        this.query = Collections.unmodifiableMap(query);
        this.form = Collections.unmodifiableMap(form);
        this.headers = Collections.unmodifiableMap(headers);
        this.time = time;
    }

    public String method() {
        return method;
    }

    /** The full request path including the context path, without the query. */
    public String path() {
        return path;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    /** Decoded form fields of an {@code application/x-www-form-urlencoded} body (empty otherwise). */
    public Map<String, List<String>> form() {
        return form;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public Instant time() {
        return time;
    }

    /** The first value of a query parameter or else a form field, as the real server reads parameters. */
    public Optional<String> param(String name) {
        List<String> q = query.get(name);
        if (q != null && !q.isEmpty()) {
            return Optional.of(q.get(0));
        }
        List<String> f = form.get(name);
        return f == null || f.isEmpty() ? Optional.empty() : Optional.of(f.get(0));
    }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + query);
    }
}
