package org.nacosgi.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.sun.net.httpserver.HttpExchange;

/** One parsed request: parameters are read as Tomcat/Spring read them (query first, then a form body). */
final class Request {
    /** Tomcat's maxPostSize: a larger form body has its parameters dropped. */
    static final int MAX_FORM_BYTES = 2 * 1024 * 1024;
    /** Bodies larger than this are read and discarded (the real server stops reading and closes). */
    private static final int MAX_KEPT_BODY = 16 * 1024 * 1024;

    final String method;
    /** Full path as sent, without the query. */
    final String fullPath;
    /** Path below the context path, or null when the request is outside it. */
    final String path;
    final String rawQuery;
    final Map<String, List<String>> query;
    final Map<String, List<String>> form;
    final Map<String, List<String>> headers;
    final byte[] body;
    final boolean formTooLarge;
    final InetSocketAddress remote;

    private Request(String method, String fullPath, String path, String rawQuery, Map<String, List<String>> query,
            Map<String, List<String>> form, Map<String, List<String>> headers, byte[] body, boolean formTooLarge,
            InetSocketAddress remote) {
        this.method = method;
        this.fullPath = fullPath;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = query;
        this.form = form;
        this.headers = headers;
        this.body = body;
        this.formTooLarge = formTooLarge;
        this.remote = remote;
    }

    static Request read(HttpExchange ex, String contextPath) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String fullPath = ex.getRequestURI().getRawPath();
        String decodedPath = ex.getRequestURI().getPath();
        String path = null;
        if (decodedPath != null) {
            if (contextPath.isEmpty()) {
                path = decodedPath;
            } else if (decodedPath.equals(contextPath)) {
                path = "";
            } else if (decodedPath.startsWith(contextPath + "/")) {
                path = decodedPath.substring(contextPath.length());
            }
        }
        String rawQuery = ex.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        byte[] body = readBody(ex.getRequestBody());
        String contentType = first(headers, "content-type");
        boolean isForm = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !"GET".equals(method) && !"HEAD".equals(method);
        boolean tooLarge = isForm && body.length > MAX_FORM_BYTES;
        Map<String, List<String>> form = isForm && !tooLarge
                ? parse(new String(body, StandardCharsets.ISO_8859_1)) : new LinkedHashMap<>();
        return new Request(method, fullPath == null ? "" : fullPath, path, rawQuery, parse(rawQuery), form, headers,
                body, tooLarge, ex.getRemoteAddress());
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() < MAX_KEPT_BODY) {
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** Parses {@code a=1&b=2} with UTF-8 percent-decoding; a pair with a broken escape is skipped, as Tomcat does. */
    static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                String key = URLDecoder.decode(k, StandardCharsets.UTF_8);
                String value = URLDecoder.decode(v, StandardCharsets.UTF_8);
                out.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException brokenEscape) {
                // Tomcat logs and ignores a parameter it cannot decode
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> m, String k) {
        List<String> v = m.get(k);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** First value of a query parameter, else of a form field, else null. */
    String param(String name) {
        String q = first(query, name);
        return q != null ? q : first(form, name);
    }

    boolean has(String name) {
        return param(name) != null;
    }

    /** The parameter, or {@code dflt} when absent. */
    String param(String name, String dflt) {
        String v = param(name);
        return v == null ? dflt : v;
    }

    /** The parameter, or {@code dflt} when absent or empty. */
    String paramOrBlank(String name, String dflt) {
        String v = param(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    String header(String name) {
        return first(headers, name.toLowerCase(Locale.ROOT));
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
