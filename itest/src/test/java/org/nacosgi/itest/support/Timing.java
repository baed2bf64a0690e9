package org.nacosgi.itest.support;

import java.time.Duration;

/** Test deadlines, all scaled by the one factor {@code -Dnacosgi.test.timeFactor} (slow CI machines raise it). */
public final class Timing {
    private Timing() {
    }

    public static Duration scaled(Duration base) {
        double factor = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));
        return Duration.ofMillis(Math.round(base.toMillis() * Math.max(1.0, factor)));
    }

    public static Duration seconds(long seconds) {
        return scaled(Duration.ofSeconds(seconds));
    }

    /** Milliseconds for APIs that take a long. */
    public static long millis(Duration base) {
        return scaled(base).toMillis();
    }
}
