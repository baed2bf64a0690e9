package org.nacosgi.cmbridge.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The one lock of a bridge: every change of its state and every ConfigAdmin call runs under it. Calls into the
 * config service (adding and removing watchers) are queued with {@link #afterUnlock(Runnable)} and run once the
 * lock is released, so the bridge never holds its lock while the client might wait for a listener call that waits
 * for the lock.
 */
final class BridgeLock {
    private final Object monitor = new Object();
    private final Deque<Runnable> afterUnlock = new ArrayDeque<>();
    private final System.Logger log;
    private int depth;

    BridgeLock(System.Logger log) {
        this.log = log;
    }

    void run(Runnable body) {
        get(() -> {
            body.run();
            return null;
        });
    }

    <T> T get(Supplier<T> body) {
        T result;
        Deque<Runnable> calls = new ArrayDeque<>();
        synchronized (monitor) {
            depth++;
            try {
                result = body.get();
            } finally {
                depth--;
                if (depth == 0) {
                    calls.addAll(afterUnlock);
                    afterUnlock.clear();
                }
            }
        }
        for (Runnable call : calls) {
            try {
                call.run();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "nacosgi cmbridge: a config service call failed: " + e, e);
            }
        }
        return result;
    }

    /** Queues {@code call} to run when the outermost {@link #run} releases the lock; only under the lock. */
    void afterUnlock(Runnable call) {
        if (!Thread.holdsLock(monitor)) {
            throw new IllegalStateException("afterUnlock outside the lock");
        }
        afterUnlock.add(call);
    }
}
