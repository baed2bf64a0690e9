package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * 200 create/use/close cycles of a client with watchers, subscriptions (with UDP push) and registered instances,
 * against a testkit in another JVM so that this JVM holds only client resources: live threads, open file
 * descriptors, UDP sockets and heap (after GC) return to the baseline taken after a warm-up.
 */
class ResourceCycleTest {
    private static final int WARM_UP = 10;
    private static final int CYCLES = 200;
    /** Heap after GC may differ by JIT and class metadata noise; a leak of 40 KB per cycle would exceed it. */
    private static final long HEAP_TOLERANCE = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void resourcesReturnToBaselineAfter200Cycles() throws Exception {
        assumeTrue(ProcessResources.available(), "needs /proc (Linux)");
        try (ServerProcess server = ServerProcess.start();
                NacosClient admin = Clients.create(Clients.options(dir.resolve("admin"), server.address()))) {
            for (int k = 0; k < 3; k++) {
                admin.config().publishConfig("cycle" + k, null, "v" + k);
            }
            for (int i = 0; i < WARM_UP; i++) {
                cycle(server, i);
            }
            Snapshot before = Snapshot.settled(null);
            for (int i = 0; i < CYCLES; i++) {
                cycle(server, WARM_UP + i);
            }
            Snapshot after = Snapshot.settled(before);
            String figures = "before " + before + ", after " + CYCLES + " cycles " + after;
            System.out.println("[reliability] resources: " + figures);
            assertEquals(List.of(), Clients.nacosgiThreads().stream()
                    .filter(n -> n.startsWith("nacosgi-rel") && !n.startsWith("nacosgi-" + admin.options().clientName()))
                    .collect(java.util.stream.Collectors.toList()), "threads of closed clients");
            assertTrue(after.threads <= before.threads, "threads: " + figures);
            assertTrue(after.fds <= before.fds, "file descriptors: " + figures);
            assertTrue(after.udp <= before.udp, "UDP sockets: " + figures);
            assertTrue(after.heap <= before.heap + HEAP_TOLERANCE, "heap: " + figures);
        }
    }

    private void cycle(ServerProcess server, int i) {
        try (NacosClient client = Clients.create(Clients.options(dir.resolve("c" + (i % 4)), server.address())
                .pushEnabled(true).pullingTimeout(Duration.ofSeconds(10)))) {
            Recorder watcher = new Recorder();
            Recorder subscriber = new Recorder();
            for (int k = 0; k < 3; k++) {
                client.config().addConfigWatcher("cycle" + k, null, watcher);
            }
            for (int s = 0; s < 2; s++) {
                client.naming().addNamingInstance(Instance.builder("cycle-svc" + s, "10.9.0." + (i % 250 + 1), 1000 + s)
                        .build(), Duration.ofMillis(500));
                client.naming().subscribe(subscriber, ServiceQuery.of("cycle-svc" + s), Duration.ofMillis(500));
            }
            assertEquals("v0", client.config().getConfig("cycle0"));
            Await.until("first events of cycle " + i, Duration.ofSeconds(10),
                    () -> watcher.contents().size() == 3 && subscriber.namingEvents().size() >= 2);
        }
    }

    /** Threads, descriptors, UDP sockets and heap once they stop going down (closed clients' leftovers go). */
    private static final class Snapshot {
        final int threads;
        final int fds;
        final int udp;
        final long heap;

        private Snapshot(int threads, int fds, int udp, long heap) {
            this.threads = threads;
            this.fds = fds;
            this.udp = udp;
            this.heap = heap;
        }

        static Snapshot now() {
            return new Snapshot(ProcessResources.threads(), ProcessResources.fileDescriptors(),
                    ProcessResources.udpSockets(), ProcessResources.heapAfterGc());
        }

        /**
         * Against a baseline: polls (with GC, which lets the JDK HttpClient's selector of a closed client end) until
         * every figure is back to it or the deadline passes; without one: until two readings agree.
         */
        static Snapshot settled(Snapshot baseline) {
            Snapshot[] last = {now()};
            Await.within(Duration.ofSeconds(30), () -> {
                Snapshot previous = last[0];
                last[0] = now();
                if (baseline == null) {
                    return last[0].threads == previous.threads && last[0].fds == previous.fds
                            && last[0].udp == previous.udp;
                }
                return last[0].threads <= baseline.threads && last[0].fds <= baseline.fds
                        && last[0].udp <= baseline.udp && last[0].heap <= baseline.heap + HEAP_TOLERANCE;
            });
            return last[0];
        }

        @Override
        public String toString() {
            return "threads=" + threads + " fds=" + fds + " udp=" + udp + " heapAfterGc=" + heap / 1024 + " KiB";
        }
    }
}
