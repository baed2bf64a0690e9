package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The manifest and DS descriptor bnd wrote into target/classes (the jar packs exactly these). */
class BundleManifestTest {
    private static final Path CLASSES = Paths.get(System.getProperty("basedir", "."), "target", "classes");

    private static Attributes manifest() throws Exception {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    @Test
    void isABundleThatExportsNothing() throws Exception {
        Attributes m = manifest();
        assertEquals("org.nacosgi.transport", m.getValue("Bundle-SymbolicName"));
        assertNull(m.getValue("Export-Package"));
        String imports = m.getValue("Import-Package");
        for (String p : new String[] {"jakarta.json.spi", "org.nacosgi.api;", "org.nacosgi.api.spi", "org.osgi.framework"}) {
            assertTrue(imports.contains(p), p + " in " + imports);
        }
        // Parsson is reached through its bundle, never imported
        assertTrue(!imports.contains("org.eclipse.parsson"), imports);
        assertTrue(Files.exists(CLASSES.resolve("module-info.class")));
    }

    @Test
    void declaresTheRuntimeFactoryComponent() throws Exception {
        String header = manifest().getValue("Service-Component");
        assertEquals("OSGI-INF/org.nacosgi.transport.internal.osgi.RuntimeFactoryComponent.xml", header);
        String xml = Files.readString(CLASSES.resolve(header), StandardCharsets.UTF_8);
        assertTrue(xml.contains("immediate=\"true\""), xml);
        assertTrue(xml.contains("<provide interface=\"org.nacosgi.api.spi.RuntimeFactory\"/>"), xml);
        assertTrue(xml.contains("interface=\"jakarta.json.spi.JsonProvider\""), xml);
        assertTrue(xml.contains("cardinality=\"0..1\"") && xml.contains("policy=\"dynamic\"")
                && xml.contains("policy-option=\"greedy\""), xml);
    }

    @Test
    void plainJavaFindsTheFactoryThroughTheServiceLoader() {
        // NacosClients (api) ServiceLoader-loads our provider, as a JPMS user's application would
        try (org.nacosgi.api.NacosClient client = org.nacosgi.api.NacosClients.create(
                org.nacosgi.api.ClientOptions.builder().serverAddr("127.0.0.1:1").clientName("loader").build())) {
            assertEquals("loader", client.options().clientName());
        }
    }
}
