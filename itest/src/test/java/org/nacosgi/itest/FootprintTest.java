package org.nacosgi.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The four client bundles (api, transport, config, naming) stay under the 250 KB budget (docs/benchmarks.md).
 * Catches growth at the commit that causes it rather than at the next measurement.
 */
class FootprintTest {
    private static final long BUDGET_BYTES = 250_000;
    private static final List<String> CLIENT_BUNDLES = List.of("nacosgi-api.jar", "nacosgi-transport.jar",
            "nacosgi-config.jar", "nacosgi-naming.jar");

    @Test
    void clientBundlesStayWithinTheBudget() throws IOException {
        String debug = System.getProperty("nacosgi.debug");
        assumeTrue("none".equals(debug), "budget applies to the release build (-g:none); this one has -g:" + debug);
        Path bundles = Paths.get(System.getProperty("itest.bundles"));
        Map<String, Long> sizes = new LinkedHashMap<>();
        long total = 0;
        for (String jar : CLIENT_BUNDLES) {
            long size = Files.size(bundles.resolve(jar));
            sizes.put(jar, size);
            total += size;
        }
        System.out.println("client bundles " + sizes + " total " + total + " bytes");
        assertTrue(total < BUDGET_BYTES, "client bundles " + sizes + " total " + total + " bytes, budget "
                + BUDGET_BYTES);
    }
}
