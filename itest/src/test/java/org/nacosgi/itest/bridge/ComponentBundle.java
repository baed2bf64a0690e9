package org.nacosgi.itest.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.nacosgi.itest.bridge.component.RecordingComponent;

/**
 * Writes the small bundle holding the DS components the bridge tests configure: {@value #WEB} (one
 * configuration, required) and {@value #POOL} (one instance per factory configuration). Built in the Pax Exam
 * driver from the compiled class and hand-written component XML, so no bnd run and no extra dependency.
 */
final class ComponentBundle {
    static final String SYMBOLIC_NAME = "org.nacosgi.itest.bridge.components";
    static final String WEB = "itest.bridge.web";
    static final String POOL = "itest.bridge.pool";

    private ComponentBundle() {
    }

    /** The bundle's file URL; written under {@code itest.work}. */
    static String write() {
        Path dir = Paths.get(System.getProperty("itest.work", "target/itest-work"));
        Path jar = dir.resolve(SYMBOLIC_NAME + ".jar");
        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Service-Component", "OSGI-INF/" + WEB + ".xml,OSGI-INF/" + POOL + ".xml");
        String classFile = RecordingComponent.class.getName().replace('.', '/') + ".class";
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf);
                    InputStream cls = RecordingComponent.class.getClassLoader().getResourceAsStream(classFile)) {
                if (cls == null) {
                    throw new IllegalStateException(classFile + " not found on the test class path");
                }
                jos.putNextEntry(new JarEntry(classFile));
                cls.transferTo(jos);
                for (String name : new String[] {WEB, POOL}) {
                    jos.putNextEntry(new JarEntry("OSGI-INF/" + name + ".xml"));
                    jos.write(componentXml(name).getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
        return jar.toUri().toString();
    }

    /** Immediate, so SCR activates it as soon as its configuration exists; no configuration, no component. */
    private static String componentXml(String name) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + name + "\""
                + " configuration-policy=\"require\" immediate=\"true\" activate=\"activate\" modified=\"modified\""
                + " deactivate=\"deactivate\">\n"
                + "  <implementation class=\"" + RecordingComponent.class.getName() + "\"/>\n"
                + "  <service><provide interface=\"java.util.function.Supplier\"/></service>\n"
                + "</scr:component>\n";
    }
}
