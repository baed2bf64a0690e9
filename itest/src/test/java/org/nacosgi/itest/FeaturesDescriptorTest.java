package org.nacosgi.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * karaf-maven-plugin verifies a copy of the features descriptor whose nacosgi bundles are this build's jars; this
 * test pins the shipped descriptor (mvn: URLs) to that copy, so what users install is what was verified.
 */
class FeaturesDescriptorTest {
    private static final Pattern NACOSGI_MVN = Pattern.compile("mvn:org\\.nacosgi/(nacosgi-[a-z]+)/([^<]+)");
    private static final Pattern NACOSGI_FILE = Pattern.compile("file:(.+)/(nacosgi-[a-z]+)\\.jar");

    @Test
    void shippedDescriptorDiffersFromTheVerifiedOneOnlyInNacosgiBundleLocations() throws IOException {
        Path target = Paths.get(System.getProperty("itest.bundles")).getParent();
        List<String> shipped = Files.readAllLines(target.resolve("feature/features.xml"));
        List<String> verified = Files.readAllLines(target.resolve("feature-verify/features.xml"));
        assertEquals(verified.size(), shipped.size(), "line count");
        List<String> bundles = new ArrayList<>();
        for (int i = 0; i < shipped.size(); i++) {
            Matcher mvn = NACOSGI_MVN.matcher(shipped.get(i));
            if (mvn.find()) {
                Matcher file = NACOSGI_FILE.matcher(verified.get(i));
                assertTrue(file.find(), "line " + (i + 1) + " of the verified copy: " + verified.get(i));
                assertEquals(mvn.group(1), file.group(2), "artifact on line " + (i + 1));
                assertTrue(Files.isRegularFile(Paths.get(file.group(1), file.group(2) + ".jar")), verified.get(i));
                assertEquals(System.getProperty("itest.project.version"), mvn.group(2), "version on line " + (i + 1));
                bundles.add(mvn.group(1));
            } else {
                assertEquals(verified.get(i), shipped.get(i), "line " + (i + 1));
            }
        }
        assertEquals(List.of("nacosgi-api", "nacosgi-transport", "nacosgi-config", "nacosgi-naming", "nacosgi-cmbridge"),
                bundles);
    }
}
