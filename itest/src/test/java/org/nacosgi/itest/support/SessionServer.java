package org.nacosgi.itest.support;

/** The address of the run's testkit server, readable inside the framework (system properties are JVM-wide). */
public final class SessionServer {
    static final String SERVER_ADDR_PROPERTY = "itest.serverAddr";

    private SessionServer() {
    }

    /** Fails clearly when {@link TestServerSession} did not run (tests started outside the JUnit Platform). */
    public static String serverAddr() {
        String addr = System.getProperty(SERVER_ADDR_PROPERTY);
        if (addr == null) {
            throw new IllegalStateException(SERVER_ADDR_PROPERTY + " is not set: run the tests on the JUnit Platform"
                    + " (Surefire), which starts the testkit through TestServerSession");
        }
        return addr;
    }
}
