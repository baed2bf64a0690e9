package org.nacosgi.config.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test deadlines scaled by {@code -Dnacosgi.test.timeFactor} (as Curator's Timing); never sleeps to wait for an event. */
final class Timing {
    static final double FACTOR = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));

    private Timing() {
    }

    static Duration scaled(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() * FACTOR));
    }

    static long scaledMillis(long millis) {
        return (long) (millis * FACTOR);
    }

    /** Polls {@code condition} until it holds or the scaled {@code timeout} passes; returns the last value. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + scaled(timeout).toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - end > 0) {
                return condition.getAsBoolean();
            }
            try {
                Thread.sleep(5); // polling interval of the condition, not a wait for an event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
