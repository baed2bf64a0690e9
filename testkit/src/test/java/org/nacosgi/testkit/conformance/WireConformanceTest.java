package org.nacosgi.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Replays every exchange of every capture under {@code <nacosgi.shared.dir>/nacos-wire/<version>/} against a testkit of
 * the matching generation and compares status, the headers that matter and the body. New capture directories are
 * picked up without code changes. Runs are replayed concurrently, each on its own testkit.
 */
class WireConformanceTest {
    /** Compression of the capture's timeline and of the server's long timings (holds, expiry, token TTL). */
    private static final double SCALE = Double.parseDouble(System.getProperty("nacosgi.conformance.scale", "0.2"));

    @Test
    void everyCapturedExchangeIsAnsweredAsTheRealServerDid() throws Exception {
        String shared = System.getProperty("nacosgi.shared.dir");
        assertTrue(shared != null && !shared.isBlank(), "system property nacosgi.shared.dir is not set");
        Path wire = Paths.get(shared, "nacos-wire");
        assertTrue(Files.isDirectory(wire), "no capture directory at " + wire);
        double timeFactor = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));
        List<Capture> runs = Capture.all(wire);
        String only = System.getProperty("nacosgi.conformance.only", "");
        runs.removeIf(c -> !only.isEmpty() && !(c.version + "/" + c.runId).contains(only));
        assertFalse(runs.isEmpty(), "no capture runs under " + wire);
        Setup setup = Setup.load();
        Map<String, String> allow = allowList();

        ExecutorService ex = Executors.newFixedThreadPool(runs.size());
        List<Future<List<Replayer.Result>>> futures = new ArrayList<>();
        for (Capture c : runs) {
            futures.add(ex.submit(() -> new Replayer(c, SCALE, timeFactor, setup, allow).run()));
        }
        Map<String, int[]> perFile = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Replayer.Result> all = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Capture c = runs.get(i);
            for (Replayer.Result r : futures.get(i).get()) {
                all.add(r);
                String file = c.version + "/" + r.exchange.file;
                int[] counts = perFile.computeIfAbsent(file, k -> new int[4]);
                if (r.note != null && r.note.startsWith("console port")) {
                    counts[3]++;
                    continue;
                }
                counts[0]++;
                if (r.problem == null) {
                    counts[1]++;
                    if (r.note != null) {
                        counts[2]++;
                        notes.add(c.version + "/" + r.exchange.id() + ": " + r.note);
                    }
                } else {
                    failures.add(c.version + "/" + r.exchange.id() + ": " + r.problem);
                }
            }
        }
        ex.shutdownNow();
        StringBuilder report = new StringBuilder("exchanges replayed / passed (of which allow-listed) "
                + "[not replayed: console port] per file, scale " + SCALE + "\n");
        int replayed = 0;
        int passed = 0;
        for (Map.Entry<String, int[]> e : perFile.entrySet()) {
            int[] n = e.getValue();
            replayed += n[0];
            passed += n[1];
            report.append(String.format("  %-32s %4d / %4d (%d)%s%n", e.getKey(), n[0], n[1], n[2],
                    n[3] > 0 ? " [" + n[3] + "]" : ""));
        }
        report.append(String.format("  %-32s %4d / %4d%n", "total", replayed, passed));
        notes.forEach(n -> report.append("  note ").append(n).append('\n'));
        all.sort((a, b) -> Long.compare(b.millis, a.millis));
        report.append("  slowest exchanges (ms, incl. holds, re-reads and polling):");
        for (Replayer.Result r : all.subList(0, Math.min(8, all.size()))) {
            report.append(' ').append(r.exchange.name).append('=').append(r.millis);
        }
        report.append('\n');
        failures.forEach(f -> report.append("  FAIL ").append(f).append('\n'));
        System.out.println(report);
        Path out = Paths.get("target", "conformance-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        assertTrue(failures.isEmpty(), failures.size() + " exchange(s) differ from the captures:\n"
                + String.join("\n", failures));
    }

    /** {@code version/file.json/exchange-name | reason} lines; '#' starts a comment. */
    private static Map<String, String> allowList() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = WireConformanceTest.class.getResourceAsStream("conformance-allowlist.txt")) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar < 0) {
                    throw new IOException("allow-list line without a reason: " + line);
                }
                out.put(line.substring(0, bar).trim(), line.substring(bar + 1).trim());
            }
        }
        return out;
    }
}
