package org.nacosgi.transport.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test deadlines scaled by {@code -Dnacosgi.test.timeFactor} (as Curator's Timing); never sleeps to wait. */
final class Timing {
    static final double FACTOR = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));

    private Timing() {
    }

    static Duration scaled(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() * FACTOR));
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
            Thread.onSpinWait();
            try {
                Thread.sleep(10); // polling interval, not a wait for an event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
