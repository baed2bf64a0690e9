package org.nacosgi.itest.reliability;

import java.io.IOException;
import java.time.Duration;
import org.nacosgi.testkit.NacosTestServer;

/**
 * A testkit in a JVM of its own, for the tests that count this JVM's threads, descriptors and heap: prints
 * "port N" and runs until its standard input closes (so it never outlives the test JVM).
 */
public final class ServerProcessMain {
    private ServerProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        try (NacosTestServer server = NacosTestServer.builder().dumpDelay(Duration.ZERO).listDelay(Duration.ZERO)
                .holdFloor(Duration.ZERO).httpThreads(8).start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to go away
            }
        }
    }
}
