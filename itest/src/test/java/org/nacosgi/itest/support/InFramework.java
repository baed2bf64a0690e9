package org.nacosgi.itest.support;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting inside the framework: services coming and going, client threads ending. Deadlines, never sleeps. */
public final class InFramework {
    private InFramework() {
    }

    public static BundleContext context(Class<?> probeClass) {
        return FrameworkUtil.getBundle(probeClass).getBundleContext();
    }

    /**
     * The service of {@code type} matching {@code filter} (may be null), waiting up to {@code timeout}; held by
     * {@code ctx} until its bundle stops.
     */
    public static <T> T await(BundleContext ctx, Class<T> type, String filter, Duration timeout)
            throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(ctx, filter(ctx, type, filter), null);
        tracker.open();
        try {
            if (tracker.waitForService(Timing.millis(timeout)) == null) {
                String what = type.getSimpleName() + " " + filter + " within " + Timing.scaled(timeout);
                fail(what + ThreadDumps.write(what));
            }
            // got through the probe's own context, so closing the tracker does not release it (ServiceFactory)
            T service = ctx.getService(tracker.getServiceReference());
            assertNotNull(type.getSimpleName() + " " + filter + " went away", service);
            return service;
        } finally {
            tracker.close();
        }
    }

    /** Waits until no service of {@code type} matches {@code filter}. */
    public static void awaitGone(BundleContext ctx, Class<?> type, String filter, Duration timeout)
            throws InterruptedException {
        Filter f = filter(ctx, type, filter);
        AtomicReference<CountDownLatch> changed = new AtomicReference<>(new CountDownLatch(1));
        ServiceListener listener = e -> changed.get().countDown();
        try {
            ctx.addServiceListener(listener, f.toString());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        try {
            long deadline = System.nanoTime() + Timing.scaled(timeout).toNanos();
            for (;;) {
                CountDownLatch latch = new CountDownLatch(1);
                changed.set(latch);
                if (count(ctx, f) == 0) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !latch.await(left, TimeUnit.NANOSECONDS)) {
                    String what = type.getSimpleName() + " " + filter + " still registered after "
                            + Timing.scaled(timeout);
                    fail(what + ThreadDumps.write(what));
                }
            }
        } finally {
            ctx.removeServiceListener(listener);
        }
    }

    public static int count(BundleContext ctx, Class<?> type, String filter) {
        return count(ctx, filter(ctx, type, filter));
    }

    private static int count(BundleContext ctx, Filter f) {
        try {
            Object[] refs = ctx.getAllServiceReferences(null, f.toString());
            return refs == null ? 0 : refs.length;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Live threads of the clients named {@code clientName} ({@code nacosgi-<clientName>-...}). */
    public static List<Thread> clientThreads(String clientName) {
        List<Thread> threads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("nacosgi-" + clientName + "-")) {
                threads.add(t);
            }
        }
        return threads;
    }

    /** Joins the client's threads with one deadline, then asserts none is left. */
    public static void awaitNoClientThreads(String clientName, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Timing.scaled(timeout).toNanos();
        for (Thread t : clientThreads(clientName)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
        }
        List<String> left = new ArrayList<>();
        clientThreads(clientName).forEach(t -> left.add(t.getName()));
        if (!left.isEmpty()) {
            String what = "threads of client " + clientName + " still alive: " + left;
            fail(what + ThreadDumps.write(what));
        }
    }

    private static Filter filter(BundleContext ctx, Class<?> type, String filter) {
        String objectClass = "(objectClass=" + type.getName() + ")";
        try {
            return ctx.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }
}
