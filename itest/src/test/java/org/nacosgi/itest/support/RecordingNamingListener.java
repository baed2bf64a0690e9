package org.nacosgi.itest.support;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;

/** A whiteboard naming listener that records its events for a test to await. */
public final class RecordingNamingListener implements NamingListener {
    private final BlockingQueue<NamingEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(NamingEvent event) {
        events.add(event);
    }

    public NamingEvent awaitAdded(String ip, int port, Duration timeout) throws InterruptedException {
        return await(e -> e.added().stream().anyMatch(i -> is(i, ip, port)), "added " + ip + ":" + port, timeout);
    }

    public NamingEvent awaitRemoved(String ip, int port, Duration timeout) throws InterruptedException {
        return await(e -> e.removed().stream().anyMatch(i -> is(i, ip, port)), "removed " + ip + ":" + port, timeout);
    }

    private NamingEvent await(Predicate<NamingEvent> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Timing.scaled(timeout).toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            NamingEvent e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                String failure = "no naming event '" + what + "' within " + Timing.scaled(timeout);
                fail(failure + ThreadDumps.write(failure));
            }
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    private static boolean is(Instance i, String ip, int port) {
        return i.ip().equals(ip) && i.port() == port;
    }
}
