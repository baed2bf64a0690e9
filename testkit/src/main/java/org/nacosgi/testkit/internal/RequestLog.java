package org.nacosgi.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nacosgi.testkit.RecordedRequest;

/** Every request received, in arrival order, for tests to assert on. Bounded so a long run cannot exhaust heap. */
final class RequestLog {
    private static final int MAX = 100_000;
    private final List<RecordedRequest> entries = new ArrayList<>();

    synchronized void record(Request r) {
        if (entries.size() >= MAX) {
            entries.remove(0);
        }
        entries.add(new RecordedRequest(r.method, r.fullPath, r.query, r.form, r.headers, Instant.now()));
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
