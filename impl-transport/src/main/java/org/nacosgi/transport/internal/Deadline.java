package org.nacosgi.transport.internal;

import java.time.Duration;

/** A request's total time budget: every retry, login and failover step draws from the same budget. */
final class Deadline {
    private final long startNanos;
    private final long endNanos;
    private final Duration budget;

    private Deadline(long startNanos, Duration budget) {
        this.startNanos = startNanos;
        this.budget = budget;
        this.endNanos = startNanos + budget.toNanos();
    }

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime(), budget);
    }

    Duration budget() {
        return budget;
    }

    Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
