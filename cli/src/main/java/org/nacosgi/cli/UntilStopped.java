package org.nacosgi.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a command running until it is done, its time is up or the user interrupts it (Ctrl-C). On an interrupt
 * the JVM's shutdown hook runs {@code onInterrupt} (closing the client, so instances are deregistered) before exit.
 */
final class UntilStopped implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    UntilStopped(Runnable onInterrupt) {
        this.hook = new Thread(() -> {
            done.countDown();
            onInterrupt.run();
        }, "nacosgi-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void done() {
        done.countDown();
    }

    /** Waits until {@link #done()}, an interrupt or {@code max} (null: no limit); true unless the time ran out. */
    boolean await(Duration max) throws InterruptedException {
        if (max == null) {
            done.await();
            return true;
        }
        return done.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }
}
