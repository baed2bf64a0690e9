package org.nacosgi.itest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Supplier;

/**
 * A testkit server in the test JVM, loaded by its own class loader from {@code target/testkit} (testkit, JSON-P
 * API, Parsson) with the platform loader as parent: JSON-P stays off the test class path, so nothing in the OSGi
 * framework or on the module path can see a second copy.
 */
public final class IsolatedTestkit implements AutoCloseable {
    private final URLClassLoader loader;
    private final AutoCloseable server;
    private final String serverAddr;

    private IsolatedTestkit(URLClassLoader loader, AutoCloseable server, String serverAddr) {
        this.loader = loader;
        this.server = server;
        this.serverAddr = serverAddr;
    }

    @SuppressWarnings("unchecked")
    public static IsolatedTestkit start() {
        Path dir = Paths.get(System.getProperty("itest.testkit", "target/testkit"));
        URLClassLoader loader = new URLClassLoader("isolated-testkit", new URL[] {
            url(dir.resolve("nacosgi-testkit.jar")), url(dir.resolve("jakarta.json-api.jar")),
            url(dir.resolve("parsson.jar")), testClasses()}, ClassLoader.getPlatformClassLoader());
        try {
            Object bridge = loader.loadClass(TestkitBridge.class.getName()).getConstructor().newInstance();
            return new IsolatedTestkit(loader, (AutoCloseable) bridge, ((Supplier<String>) bridge).get());
        } catch (ReflectiveOperationException e) {
            closeQuietly(loader);
            throw new IllegalStateException("cannot start the testkit from " + dir, e);
        }
    }

    public String serverAddr() {
        return serverAddr;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            loader.close();
        }
    }

    private static URL testClasses() {
        try {
            return IsolatedTestkit.class.getProtectionDomain().getCodeSource().getLocation();
        } catch (SecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL url(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the itest module through Maven");
        }
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
