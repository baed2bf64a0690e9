package org.nacosgi.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints one JSON line per event for {@code config watch} and {@code naming subscribe}, and ends the command after
 * {@code --max-events}. Listeners may be called concurrently, so lines are written whole and counted atomically.
 */
final class EventPrinter {
    private final PrintWriter out;
    private final Integer maxEvents;
    private final UntilStopped until;
    private final AtomicInteger seen = new AtomicInteger();

    /** @param maxEvents null: print until the user stops the command */
    EventPrinter(PrintWriter out, Integer maxEvents, UntilStopped until) {
        this.out = out;
        this.maxEvents = maxEvents;
        this.until = until;
    }

    static void checkMaxEvents(Integer maxEvents) {
        if (maxEvents != null && maxEvents < 1) {
            throw new UsageException("--max-events: must be >= 1, was " + maxEvents);
        }
    }

    void print(String jsonLine) {
        int n = seen.incrementAndGet();
        if (maxEvents == null || n <= maxEvents) {
            synchronized (out) {
                out.println(jsonLine);
                out.flush();
            }
        }
        if (maxEvents != null && n >= maxEvents) {
            until.done();
        }
    }
}
