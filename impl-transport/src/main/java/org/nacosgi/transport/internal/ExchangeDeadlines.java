package org.nacosgi.transport.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends exchanges still running after their call's deadline. The JDK's request timeout stops once the headers
 * arrive (MultiExchange cancels its timer there), so a server that stalls mid-body would hold the caller past its
 * timeout. One sweep every {@link #PERIOD} on the scheduler, rather than a timer per call, keeps the per-call cost
 * at a set insert and remove; the JDK's own body handlers stay in use (a wrapping body subscriber costs a thread
 * hop per response). A blocking exchange is ended by interrupting its thread, which makes
 * {@link java.net.http.HttpClient#send} cancel it; an asynchronous one by cancelling its future.
 */
final class ExchangeDeadlines implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(100);

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRING = 2;
    private static final int EXPIRED = 3;

    private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;
    private volatile boolean closed;

    ExchangeDeadlines(ScheduledExecutorService scheduler) {
        this.sweeper = scheduler.scheduleWithFixedDelay(this::sweep, PERIOD.toMillis(), PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Watches the calling thread's blocking exchange; end it with {@link Exchange#finish()}. */
    Exchange blocking(Deadline deadline) {
        Exchange e = new Exchange(deadline, Thread.currentThread(), null);
        active.add(e);
        if (closed) {
            e.expire();
        }
        return e;
    }

    /**
     * Watches an asynchronous exchange; its owner calls {@link Exchange#finish()} once {@code pending} is done
     * (on the client's thread, not the JDK's completion thread).
     */
    Exchange async(Deadline deadline, CompletableFuture<?> pending) {
        Exchange e = new Exchange(deadline, null, pending);
        active.add(e);
        if (closed) {
            e.expire();
        }
        return e;
    }

    void sweep() {
        for (Exchange e : active) {
            if (e.deadline.expired()) {
                e.expire();
            }
        }
    }

    /** Exchanges being watched now (for tests). */
    int active() {
        return active.size();
    }

    /** Whether {@link #close()} ended the exchanges (an interrupted one means "closed", not "timed out"). */
    boolean isClosed() {
        return closed;
    }

    /** Stops sweeping and ends every exchange still running, so no caller waits on a closed client. */
    @Override
    public void close() {
        closed = true;
        sweeper.cancel(false);
        for (Exchange e : active) {
            e.expire();
        }
    }

    /** One exchange: RUNNING until its owner finishes it or the sweeper expires it. */
    final class Exchange {
        private final Deadline deadline;
        private final Thread thread;
        private final CompletableFuture<?> pending;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        private Exchange(Deadline deadline, Thread thread, CompletableFuture<?> pending) {
            this.deadline = deadline;
            this.thread = thread;
            this.pending = pending;
        }

        private void expire() {
            if (state.compareAndSet(RUNNING, EXPIRING)) {
                active.remove(this);
                if (thread != null) {
                    thread.interrupt();
                } else {
                    pending.cancel(true);
                }
                state.set(EXPIRED);
            }
        }

        /** Whether the sweeper ended this exchange (its interruption or cancellation means "timed out"). */
        boolean expired() {
            return state.get() >= EXPIRING;
        }

        /**
         * Stops watching. For a blocking exchange ended by the sweeper, clears the interrupt it sent, so the
         * caller's thread keeps no stray interrupt status.
         */
        void finish() {
            if (state.compareAndSet(RUNNING, DONE)) {
                active.remove(this);
                return;
            }
            if (thread != null && thread == Thread.currentThread()) {
                while (state.get() == EXPIRING) {
                    Thread.onSpinWait(); // the sweeper is between its CAS and interrupt(): a few instructions
                }
                Thread.interrupted();
            }
        }
    }
}
