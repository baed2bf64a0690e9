package org.nacosgi.naming.internal;

import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.Transport;

/** A minimal runtime for core tests without the transport module: real threads, named and stopped in close. */
final class FakeRuntime implements ClientRuntime {
    private final ClientOptions options;
    private final Transport transport;
    private final JsonProvider json = JsonProvider.provider();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService callbacks;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private volatile boolean closed;

    FakeRuntime(ClientOptions options, Transport transport) {
        this.options = options;
        this.transport = transport;
        this.scheduler = new ScheduledThreadPoolExecutor(1, threadFactory("scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.callbacks = Executors.newFixedThreadPool(options.callbackThreadNum(), threadFactory("callback"));
    }

    @Override
    public ClientOptions options() {
        return options;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public JsonProvider json() {
        return json;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Executor callbackExecutor() {
        return callbacks;
    }

    @Override
    public ThreadFactory threadFactory(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "nacosgi-" + options.clientName() + "-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public System.Logger logger(Class<?> owner) {
        return System.getLogger(owner.getName());
    }

    @Override
    public synchronized void onClose(AutoCloseable resource) {
        closeables.add(resource);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(closeables);
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                // carry on: close everything
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
