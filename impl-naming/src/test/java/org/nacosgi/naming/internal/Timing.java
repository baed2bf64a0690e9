package org.nacosgi.naming.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test deadlines scaled by {@code -Dnacosgi.test.timeFactor} (as Curator's Timing); no sleeps to wait for events. */
final class Timing {
    static final double FACTOR = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));

    private Timing() {
    }

    static Duration scaled(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() * FACTOR));
    }

    static Duration deadline() {
        return scaled(Duration.ofSeconds(10));
    }

    static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(deadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls {@code condition} until it holds or the (scaled) deadline passes. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        return eventually(deadline(), condition);
    }

    static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + scaled(within).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
