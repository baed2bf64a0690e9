package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.config.ConfigItem;

/**
 * A child JVM writes large snapshots in a loop and is killed with SIGKILL ({@link Process#destroyForcibly()}) at a
 * random moment, three times over the same directory: every snapshot file holds exactly one complete content (the
 * old or the new), and a new client with no server serves complete contents from them.
 */
class SnapshotCrashTest {
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesOnlyCompleteSnapshots() throws Exception {
        Path snapshots = dir.resolve("snapshot");
        List<String> report = new ArrayList<>();
        int midWrites = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int rounds = 3 + ThreadLocalRandom.current().nextInt(15);
            Process child = start(snapshots);
            AtomicInteger seen = new AtomicInteger(-1);
            Thread reader = new Thread(() -> readRounds(child, seen), "snapshot-writer-output");
            reader.setDaemon(true);
            reader.start();
            try {
                Await.until(() -> "the writer reached round " + rounds + " (at " + seen.get() + ")",
                        Duration.ofSeconds(60), () -> seen.get() >= rounds || !child.isAlive());
                assertTrue(child.isAlive(), "the writer died by itself, exit " + exitValue(child));
                // kill the moment a write is in progress (its temp file exists), to hit the window that matters
                boolean midWrite = awaitWriteInProgress(snapshots, Await.seconds(20));
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                midWrites += midWrite ? 1 : 0;
                assertTrue(child.waitFor(Await.seconds(10).toMillis(), TimeUnit.MILLISECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
            } finally {
                child.destroyForcibly();
            }
            report.add("kill " + kill + " after round " + seen.get() + ": " + check(snapshots));
        }
        // a new client, no server: every key is served complete from the snapshots
        try (NacosClient client = Clients.create(Clients.options(dir, "127.0.0.1:1"))) {
            for (int key = 0; key < SnapshotWriterMain.KEYS; key++) {
                ConfigItem item = client.config().getConfigItem("big" + key, null, Duration.ofSeconds(1), false);
                assertEquals(ConfigItem.Source.SNAPSHOT, item.source());
                assertTrue(SnapshotWriterMain.roundOf(key, item.content()) >= 0, "complete content for big" + key);
            }
        }
        System.out.println("[reliability] kill -9 of a snapshot writer: " + midWrites + " of " + KILLS
                + " kills during a write; " + report);
        assertTrue(midWrites > 0, "no kill hit a write in progress");
    }

    /** Checks every file under the snapshot root; returns "N snapshots complete, M temp files left". */
    private static String check(Path snapshots) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(snapshots)) {
            files = s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        int complete = 0;
        int temps = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.startsWith(".nacosgi-") && name.endsWith(".tmp")) {
                temps++; // an interrupted write's temp file: never read as a snapshot
                continue;
            }
            assertTrue(name.startsWith("big"), "unexpected file " + f);
            int key = Integer.parseInt(name.substring(3));
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertTrue(SnapshotWriterMain.roundOf(key, text) >= 0,
                    f + " is not one complete content (" + text.length() + " chars)");
            complete++;
        }
        assertEquals(SnapshotWriterMain.KEYS, complete, "one snapshot per key: " + files);
        return complete + " snapshots complete, " + temps + " temp files left";
    }

    /** Spins (no sleep: the write window is a few ms) until a snapshot temp file exists; false at the deadline. */
    private static boolean awaitWriteInProgress(Path snapshots, Duration timeout) {
        Path dir = snapshots.resolve("public").resolve("DEFAULT_GROUP");
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - end < 0) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"))) {
                    return true;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // not created yet, or a file vanished while listing
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static Process start(Path snapshots) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", classPath,
                SnapshotWriterMain.class.getName(), snapshots.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static void readRounds(Process child, AtomicInteger seen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("round ")) {
                    seen.set(Integer.parseInt(line.substring(6).trim()));
                } else {
                    System.out.println("[writer] " + line);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process is gone
        }
    }

    private static String exitValue(Process p) {
        try {
            return String.valueOf(p.exitValue());
        } catch (IllegalThreadStateException e) {
            return "running";
        }
    }
}
