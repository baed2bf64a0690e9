package org.nacosgi.config.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with "equal jitter" (half fixed, half random), as a value per retry loop. Not thread-safe. */
final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private int attempts;

    Backoff(Duration base, Duration cap) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.capMillis = Math.max(baseMillis, cap.toMillis());
    }

    /** The delay before the next try; grows with each call until {@link #reset()}. */
    Duration next() {
        attempts++;
        long exp = attempts >= 31 ? capMillis : Math.min(capMillis, baseMillis << Math.min(30, attempts - 1));
        long half = exp / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    void reset() {
        attempts = 0;
    }

    int attempts() {
        return attempts;
    }
}
