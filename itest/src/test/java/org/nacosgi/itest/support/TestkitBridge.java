package org.nacosgi.itest.support;

import java.time.Duration;
import java.util.function.Supplier;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Runs inside {@link IsolatedTestkit}'s class loader (with the testkit and its own JSON-P), so the test JVM's
 * class path never holds JSON-P; talks to the outside only through JDK types.
 */
public final class TestkitBridge implements Supplier<String>, AutoCloseable {
    private final NacosTestServer server;

    public TestkitBridge() {
        // no dump or list delay: what a test wrote is readable at once (the delays are the testkit's own tests' concern)
        this.server = NacosTestServer.builder().dumpDelay(Duration.ZERO).listDelay(Duration.ZERO).start();
    }

    /** The server address, {@code 127.0.0.1:port}. */
    @Override
    public String get() {
        return server.serverAddr();
    }

    @Override
    public void close() {
        server.close();
    }
}
