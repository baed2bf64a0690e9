package org.nacosgi.itest.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One testkit server for the whole test run, started when the JUnit Platform session opens and stopped when it
 * closes. Pax Exam's native container runs tests inside the framework in this JVM, so the address travels as the
 * system property {@code itest.serverAddr} ({@link SessionServer}); Pax Exam 4 runs no class-level hooks in
 * the driver.
 */
public final class TestServerSession implements LauncherSessionListener {
    private IsolatedTestkit server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        server = IsolatedTestkit.start();
        System.setProperty(SessionServer.SERVER_ADDR_PROPERTY, server.serverAddr());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        System.clearProperty(SessionServer.SERVER_ADDR_PROPERTY);
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the testkit", e);
        }
    }
}
