package org.nacosgi.transport.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code nacosgi-<client>-<role>-<n>}, so a leak test and a thread dump can tell whose they are. */
final class NamedThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final Thread.UncaughtExceptionHandler handler;

    NamedThreadFactory(String clientName, String role, Thread.UncaughtExceptionHandler handler) {
        this.prefix = threadPrefix(clientName) + role + "-";
        this.handler = handler;
    }

    /** The prefix of every thread of one client: {@code nacosgi-<client>-}. */
    static String threadPrefix(String clientName) {
        return "nacosgi-" + clientName + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        if (handler != null) {
            t.setUncaughtExceptionHandler(handler);
        }
        return t;
    }
}
