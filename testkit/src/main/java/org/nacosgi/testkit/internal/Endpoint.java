package org.nacosgi.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The listening HTTP(S) socket and its small fixed thread pool; a restart builds a new one on the same port. */
final class Endpoint {
    /** Serialises JDK-thread renaming across servers starting at the same moment (a lock, not state). */
    private static final Object RENAME_LOCK = new Object();

    private final HttpServer server;
    private final ExecutorService executor;

    Endpoint(Core core, Router router, int port) throws IOException {
        this.executor = Executors.newFixedThreadPool(core.settings.httpThreads,
                new NamedThreads(core.serverId, "http"));
        InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (core.settings.tls != null) {
            HttpsServer https = HttpsServer.create(addr, 1024);
            https.setHttpsConfigurator(new HttpsConfigurator(core.settings.tls));
            server = https;
        } else {
            server = HttpServer.create(addr, 1024);
        }
        server.setExecutor(executor);
        server.createContext("/", new HttpFront(core, router, executor));
        synchronized (RENAME_LOCK) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            server.start();
            // The JDK names its dispatcher "HTTP-Dispatcher"; give it our prefix so leak checks can attribute it.
            int n = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(t) && !t.getName().startsWith("nacosgi-")) {
                    t.setName("nacosgi-testkit-" + core.serverId + "-jdk-" + (++n) + "-" + t.getName());
                }
            }
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
