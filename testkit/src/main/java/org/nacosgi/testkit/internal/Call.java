package org.nacosgi.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * One request in flight. It is answered exactly once, by the handler thread or later from a scheduler (held long
 * polls, delayed or paused faults), so no thread waits for a held request.
 */
final class Call {
    final Request req;
    private final HttpExchange exchange;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final OpenCalls registry;

    Call(Request req, HttpExchange exchange, OpenCalls registry) {
        this.req = req;
        this.exchange = exchange;
        this.registry = registry;
        registry.add(this);
    }

    boolean answered() {
        return answered.get();
    }

    /** Writes the reply; later calls are ignored (a held poll may race its timeout against a change). */
    boolean reply(Reply r) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        try {
            write(r, false);
        } catch (IOException | RuntimeException clientGone) {
            exchange.close();
        } finally {
            registry.remove(this);
        }
        return true;
    }

    /**
     * Writes status, headers and half of the body, then throws {@link CutConnection}: thrown out of the handler, it
     * makes the JDK server close the connection mid-body (only possible on the handler thread).
     */
    void replyCut(Reply r) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        registry.remove(this);
        try {
            write(r, true);
        } catch (IOException | RuntimeException ignored) {
            // the connection is dropped below either way
        }
        throw new CutConnection();
    }

    /** Unwinds the handler so the server drops the connection. */
    static final class CutConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CutConnection() {
            super("cut by Fault.cutBody()", null, false, false);
        }
    }

    /** Drops the connection without an answer (server stop or restart). */
    void abort() {
        if (answered.compareAndSet(false, true)) {
            exchange.close();
            registry.remove(this);
        }
    }

    private void write(Reply r, boolean cut) throws IOException {
        Headers h = exchange.getResponseHeaders();
        for (String[] kv : r.headers) {
            h.add(kv[0], kv[1]);
        }
        if (r.close || cut) {
            h.set("Connection", "close");
        }
        boolean head = "HEAD".equals(req.method);
        if (cut) {
            byte[] body = r.body.length >= 2 ? r.body : "cut".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status, body.length);
            OutputStream os = exchange.getResponseBody();
            os.write(body, 0, body.length / 2);
            os.flush();
            return;
        }
        if (head || r.body.length == 0) {
            exchange.sendResponseHeaders(r.status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(r.status, r.body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(r.body);
        }
        exchange.close();
    }
}
