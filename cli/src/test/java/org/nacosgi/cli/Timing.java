package org.nacosgi.cli;

import java.time.Duration;

/** Test deadlines scaled by {@code -Dnacosgi.test.timeFactor}. */
final class Timing {
    private Timing() {
    }

    static Duration seconds(long seconds) {
        double factor = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));
        return Duration.ofMillis(Math.round(seconds * 1000 * Math.max(1.0, factor)));
    }
}
