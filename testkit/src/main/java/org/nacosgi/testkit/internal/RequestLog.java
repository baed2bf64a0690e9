package org.nacosgi.testkit.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.nacosgi.testkit.RecordedRequest;

/**
 * Every request received, in arrival order, for tests to assert on. Bounded in entries and in the text they hold
 * (a listener request of 3,000 keys carries ~170 KB of form), so a long run cannot exhaust heap: oldest go first.
 */
final class RequestLog {
    private static final int MAX = 100_000;
    /** About 64 MiB of heap for Latin-1 text plus the maps around it. */
    private static final long MAX_CHARS = 32L * 1024 * 1024;
    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
    private final ArrayDeque<Long> sizes = new ArrayDeque<>();
    private long chars;

    synchronized void record(Request r) {
        RecordedRequest e = new RecordedRequest(r.method, r.fullPath, r.query, r.form, r.headers, Instant.now());
        long size = size(e);
        while (!entries.isEmpty() && (entries.size() >= MAX || chars + size > MAX_CHARS)) {
            entries.removeFirst();
            chars -= sizes.removeFirst();
        }
        entries.addLast(e);
        sizes.addLast(size);
        chars += size;
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
        sizes.clear();
        chars = 0;
    }

    /** The characters an entry holds, plus a fixed allowance per string for object headers. */
    private static long size(RecordedRequest e) {
        long n = e.path().length() + 64;
        for (Map<String, List<String>> m : List.of(e.query(), e.form(), e.headers())) {
            for (Map.Entry<String, List<String>> kv : m.entrySet()) {
                n += kv.getKey().length() + 64;
                for (String v : kv.getValue()) {
                    n += (v == null ? 0 : v.length()) + 64;
                }
            }
        }
        return n;
    }
}
