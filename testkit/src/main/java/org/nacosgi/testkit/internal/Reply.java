package org.nacosgi.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An answer to write: status, headers in wire order, body, and whether to close the connection. */
final class Reply {
    /** Returned by a handler that will answer later (long polls). */
    static final Reply DEFERRED = new Reply(0, new byte[0]);

    final int status;
    final List<String[]> headers = new ArrayList<>();
    final byte[] body;
    boolean close;
    /** Written by a servlet filter or the error page: no MVC headers on 2.x. */
    boolean bare;

    Reply(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static Reply of(int status, String contentType, String body) {
        Reply r = new Reply(status, body.getBytes(StandardCharsets.UTF_8));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return r;
    }

    Reply header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** Puts headers before the ones already present (framework headers come first on the wire). */
    Reply prepend(String... nameValues) {
        List<String[]> front = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            front.add(new String[] {nameValues[i], nameValues[i + 1]});
        }
        headers.addAll(0, front);
        return this;
    }

    Reply bare() {
        this.bare = true;
        return this;
    }

    Reply closing() {
        this.close = true;
        return this;
    }

    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
