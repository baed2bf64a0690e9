package org.nacosgi.testkit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import jakarta.json.JsonObjectBuilder;

/**
 * The error and header shapes of one server generation: 2.x answers Spring MVC style with Vary/CSP headers and
 * text errors; 3.x adds Spring Security headers and answers most errors as Spring JSON.
 */
final class Dialect {
    private static final DateTimeFormatter SPRING_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    static final String TEXT = "text/plain;charset=UTF-8";
    static final String JSON = "application/json";
    static final String JSON_UTF8 = "application/json;charset=UTF-8";

    private final Settings settings;
    private final Json json;

    Dialect(Settings settings, Json json) {
        this.settings = settings;
        this.json = json;
    }

    boolean v3() {
        return settings.v3();
    }

    /** Adds the framework headers of this generation in front of the endpoint's own. */
    Reply finish(Reply r) {
        if (v3()) {
            boolean ownCaching = r.header("Cache-Control") != null;
            if (ownCaching) {
                r.header("X-Content-Type-Options", "nosniff").header("X-XSS-Protection", "0")
                        .header("X-Frame-Options", "DENY");
            } else {
                r.prepend("X-Content-Type-Options", "nosniff", "X-XSS-Protection", "0", "Cache-Control",
                        "no-cache, no-store, max-age=0, must-revalidate", "Pragma", "no-cache", "Expires", "0",
                        "X-Frame-Options", "DENY");
            }
        } else if (!r.bare) {
            r.prepend("Vary", "Origin", "Vary", "Access-Control-Request-Method", "Vary",
                    "Access-Control-Request-Headers", "Content-Security-Policy", "script-src 'self'");
        }
        return r;
    }

    /** Spring Boot's error JSON ({@code timestamp, status, error, message, path}). */
    Reply springError(int status, String message, Request req) {
        JsonObjectBuilder b = json.obj().add("timestamp", OffsetDateTime.now(ZoneOffset.UTC).format(SPRING_TS))
                .add("status", status).add("error", reason(status));
        Json.str(b, "message", message);
        b.add("path", req.fullPath);
        String ct = req.path != null && req.path.startsWith("/v1/cs") ? JSON_UTF8 : JSON;
        Reply r = Reply.of(status, ct, b.build().toString());
        if (status != 404) {
            r.bare();
        }
        return r;
    }

    /** The text answer Nacos' exception handler gives: {@code caused: <msg>;}. */
    Reply caused(int status, String message, Request req) {
        String ct = v3() && req.path != null && req.path.startsWith("/v1/cs") ? JSON_UTF8 : TEXT;
        return Reply.of(status, ct, "caused: " + message + ";");
    }

    /** A required request parameter is missing (2.x: 500 text with HTML-escaped quotes; 3.x: 400 JSON). */
    Reply missingParam(String name, Request req) {
        if (v3()) {
            return springError(400, "Required parameter '" + name + "' is not present.", req).closing();
        }
        return caused(500, "Required request parameter &#39;" + name
                + "&#39; for method parameter type String is not present", req).closing();
    }

    /** The answer of Nacos' parameter-check filter (ends in CRLF; no MVC headers). */
    Reply filter400(String message, Request req) {
        boolean config = req.path != null && req.path.startsWith("/v1/cs");
        Reply r = new Reply(400, (message + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (config) {
            r.header("Pragma", "no-cache").header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")
                    .header("Cache-Control", "no-cache,no-store").header("Content-Type", JSON_UTF8);
        } else if (v3()) {
            r.header("Pragma", "no-cache").header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT")
                    .header("Cache-Control", "no-cache,no-store");
        }
        return r.closing().bare();
    }

    /** v2 / v3 envelope {@code {code,message,data}} with a JSON value as data. */
    String envelope(int code, String message, jakarta.json.JsonValue data) {
        JsonObjectBuilder b = json.obj().add("code", code);
        Json.str(b, "message", message);
        b.add("data", data == null ? jakarta.json.JsonValue.NULL : data);
        return b.build().toString();
    }

    String envelope(int code, String message, String data) {
        return envelope(code, message, data == null ? null : json.string(data));
    }

    static String reason(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 409:
                return "Conflict";
            case 410:
                return "Gone";
            case 501:
                return "Not Implemented";
            case 503:
                return "Service Unavailable";
            default:
                return status >= 500 ? "Internal Server Error" : "Error";
        }
    }
}
