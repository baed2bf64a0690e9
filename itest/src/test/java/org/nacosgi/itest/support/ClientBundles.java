package org.nacosgi.itest.support;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam options that boot Felix with SCR, ConfigAdmin, JSON-P and the four client bundles, all from jars
 * maven-dependency-plugin copied to {@code target/bundles} (no Maven resolution, no network). Runs in the driver.
 */
public final class ClientBundles {
    /** Bundle symbolic names of the client, in the order a user installs them. */
    public static final String API = "org.nacosgi.api";
    public static final String TRANSPORT = "org.nacosgi.transport";
    public static final String CONFIG = "org.nacosgi.config";
    public static final String NAMING = "org.nacosgi.naming";

    private ClientBundles() {
    }

    /** Felix + SCR + ConfigAdmin + JSON-P + api, transport, config, naming, and what the probe needs. */
    public static Option felixWithClient() {
        return composite(
                cleanCaches(true),
                systemTimeout(Timing.millis(java.time.Duration.ofSeconds(20))),
                frameworkProperty("felix.log.level").value("1"),
                // pax-logging-api (Pax Exam's logging inside the framework) prints DEBUG by default
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                jar("org.osgi.util.function"),
                jar("org.osgi.util.promise"),
                jar("org.osgi.service.component"),
                jar("org.apache.felix.configadmin"),
                jar("org.apache.felix.scr"),
                jar("jakarta.json-api"),
                jar("parsson"),
                jar("nacosgi-api"),
                jar("nacosgi-transport"),
                jar("nacosgi-config"),
                jar("nacosgi-naming"),
                junitBundles());
    }

    private static Option jar(String name) {
        Path dir = Paths.get(System.getProperty("itest.bundles", "target/bundles"));
        Path jar = dir.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the itest module through Maven "
                    + "(maven-dependency-plugin copies the bundles in process-test-resources)");
        }
        return bundle(jar.toUri().toString());
    }
}
