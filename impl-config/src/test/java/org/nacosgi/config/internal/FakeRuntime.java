package org.nacosgi.config.internal;

import jakarta.json.spi.JsonProvider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.Transport;

/** A runtime for unit tests: a given transport, one scheduler thread, a callback pool, captured log records. */
final class FakeRuntime implements ClientRuntime {
    private final ClientOptions options;
    private final Transport transport;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService callbacks;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    final CapturingLogger log = new CapturingLogger();
    private volatile boolean closed;

    FakeRuntime(ClientOptions options, Transport transport) {
        this.options = options;
        this.transport = transport;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threadFactory("scheduler"));
        this.callbacks = Executors.newFixedThreadPool(options.callbackThreadNum(), threadFactory("callback"));
    }

    @Override public ClientOptions options() { return options; }
    @Override public Transport transport() { return transport; }
    @Override public JsonProvider json() { return JsonProvider.provider(); }
    @Override public ScheduledExecutorService scheduler() { return scheduler; }
    @Override public ExecutorService callbackExecutor() { return callbacks; }

    @Override
    public ThreadFactory threadFactory(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "nacosgi-" + options.clientName() + "-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override public System.Logger logger(Class<?> owner) { return log; }

    @Override
    public synchronized void onClose(AutoCloseable resource) {
        resources.push(resource);
    }

    @Override public boolean isClosed() { return closed; }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        scheduler.shutdownNow();
        callbacks.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            callbacks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
