package org.nacosgi.transport.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code RequestId} header values: a random per-client prefix and a counter, unique like the official client's
 * UUIDs without a {@link java.security.SecureRandom} draw (and its lock) per request.
 */
final class RequestIds {
    private final String prefix = UUID.randomUUID().toString().substring(0, 23) + "-";
    private final AtomicLong counter = new AtomicLong();

    String next() {
        return prefix + Long.toHexString(counter.incrementAndGet());
    }
}
