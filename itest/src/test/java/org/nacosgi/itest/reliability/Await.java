package org.nacosgi.itest.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Deadlines for the reliability suite, all scaled by {@code -Dnacosgi.test.timeFactor}: events are awaited by
 * polling a condition until a deadline, never by sleeping a fixed time.
 */
final class Await {
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    static double factor() {
        return Math.max(1.0, Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1")));
    }

    static Duration scaled(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * factor()));
    }

    static Duration seconds(long seconds) {
        return scaled(Duration.ofSeconds(seconds));
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when {@code timeout} (scaled) runs out. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(() -> what, timeout, condition);
    }

    static void until(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + scaled(timeout).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + scaled(timeout).toMillis() + " ms waiting for: "
                        + what.get());
            }
            pause();
        }
    }

    /** Polls until {@code condition} holds or {@code timeout} (scaled) runs out; returns whether it held. */
    static boolean within(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + scaled(timeout).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            pause();
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS); // the polling step of a deadline wait, not a wait for an event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
