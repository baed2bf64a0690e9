package org.nacosgi.transport.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sticky server choice with a short "down" mark: calls go to one server (picked at random at first) until it
 * fails; a failed server is put at the end of the order until its mark runs out, so it is retried later rather
 * than first on every call. When every server is marked, all are still tried (earliest-recovering first), so a
 * brief outage of a single server does not fail calls for the whole mark period. Thread-safe.
 */
final class ServerRotation {
    /** How long a failed server goes to the back of the order. */
    static final Duration DOWN_PERIOD = Duration.ofSeconds(10);

    private final LongSupplier nanoClock;
    private final long downNanos;
    private final Map<ServerAddress, Long> downUntil = new HashMap<>();
    private ServerAddress current;
    private final int randomStart;

    ServerRotation(int randomStart, Duration downPeriod, LongSupplier nanoClock) {
        this.randomStart = Math.abs(randomStart % 1_000_003);
        this.downNanos = downPeriod.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The order to try {@code servers} in for one call: the sticky one first, marked ones last. */
    synchronized List<ServerAddress> order(List<ServerAddress> servers) {
        int n = servers.size();
        int start = current == null ? -1 : servers.indexOf(current);
        if (start < 0) {
            start = randomStart % n;
            current = servers.get(start);
        }
        long now = nanoClock.getAsLong();
        List<ServerAddress> up = new ArrayList<>(n);
        List<ServerAddress> down = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ServerAddress s = servers.get((start + i) % n);
            Long until = downUntil.get(s);
            if (until != null && until - now > 0) {
                down.add(s);
            } else {
                if (until != null) {
                    downUntil.remove(s);
                }
                up.add(s);
            }
        }
        down.sort(Comparator.comparingLong(downUntil::get));
        up.addAll(down);
        return up;
    }

    /** {@code server} answered: it becomes the sticky server and loses any mark. */
    synchronized void succeeded(ServerAddress server) {
        downUntil.remove(server);
        current = server;
    }

    /** {@code server} failed over: marked down for a short while; the next server becomes sticky. */
    synchronized void failed(ServerAddress server, List<ServerAddress> servers) {
        downUntil.put(server, nanoClock.getAsLong() + downNanos);
        if (server.equals(current) && servers.size() > 1) {
            int i = servers.indexOf(server);
            current = servers.get((i + 1) % servers.size());
        }
    }

    /** Whether {@code server} is currently marked down (for tests and logs). */
    synchronized boolean isMarkedDown(ServerAddress server) {
        Long until = downUntil.get(server);
        return until != null && until - nanoClock.getAsLong() > 0;
    }
}
