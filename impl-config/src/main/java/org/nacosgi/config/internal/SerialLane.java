package org.nacosgi.config.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs its tasks one at a time, in submission order, on a shared executor: at most one pool thread works for a lane
 * at once, so one slow lane holds one thread and no other lane waits for it. Tasks must not throw.
 */
final class SerialLane implements Runnable {
    /** After this many tasks a lane yields its thread, so a busy lane cannot starve others queued on the pool. */
    private static final int BATCH = 32;

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialLane(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                // the client is closing: nobody will run these any more
                tasks.clear();
                scheduled.set(false);
            }
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            task.run();
        }
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
