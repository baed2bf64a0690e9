package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.transport.internal.HttpRuntimeFactory;

/**
 * Issue 4: however many keys are watched, the client runs at most 3 threads besides its callback pool (its
 * {@code nacosgi-<client>-*} threads plus the JDK HttpClient's selector), during setup as well as after it.
 */
class WatchThreadBudgetTest {
    static final int KEYS = 2_000;
    static final int BATCH = 250;
    static final int BUDGET = 3;

    @TempDir
    Path dir;

    @Test
    void manyKeysInSeveralBatchesStayWithinThreeThreads() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            for (int i = 0; i < KEYS; i++) {
                s.putConfig("", "DEFAULT_GROUP", "key-" + i, "value-" + i, null);
            }
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            ClientOptions options = ClientOptions.builder().serverAddr(s.serverAddr()).contextPath(s.contextPath())
                    .clientName("budget").pullingConfigSize(BATCH).callbackThreadNum(4)
                    .failoverDir(dir.resolve("failover")).snapshotDir(dir.resolve("snapshot"))
                    .defaultTimeout(Timing.scaled(Duration.ofSeconds(5))).build();
            AtomicReference<List<String>> most = new AtomicReference<>(List.of());
            Runnable sample = () -> {
                List<String> now = clientThreads(before);
                if (now.size() > most.get().size()) {
                    most.set(now);
                }
            };
            try (ClientRuntime runtime = new HttpRuntimeFactory().create(options)) {
                HttpConfigService config = new HttpConfigService(runtime);
                AtomicInteger firstCalls = new AtomicInteger();
                for (int i = 0; i < KEYS; i++) {
                    config.addConfigWatcher("key-" + i, null, e -> firstCalls.incrementAndGet());
                    if (i % 100 == 0) {
                        sample.run();
                    }
                }
                int batches = KEYS / BATCH;
                // sampled on every look while the first calls and the held polls are awaited
                boolean steady = Timing.await(Duration.ofSeconds(60), () -> {
                    sample.run();
                    return firstCalls.get() == KEYS && config.watcher().pollsInFlight() == batches
                            && s.heldLongPolls() == batches;
                });
                assertTrue(steady, "first calls " + firstCalls.get() + " of " + KEYS + ", polls in flight "
                        + config.watcher().pollsInFlight() + ", held " + s.heldLongPolls() + " of " + batches);
                assertEquals(batches, config.watcher().batchCount());
                List<String> now = clientThreads(before);
                assertTrue(now.size() <= BUDGET, "steady state: " + now);
                assertTrue(!most.get().isEmpty(), "the sampling saw the client's threads");
                assertTrue(most.get().size() <= BUDGET, "at most " + BUDGET
                        + " client threads besides the callback pool, saw " + most.get());
            }
        }
    }

    /** The client's threads besides its callback pool, plus HttpClient threads started since {@code before}. */
    static List<String> clientThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("nacosgi-budget-") && !t.getName().contains("-callback-")
                        || t.getName().startsWith("HttpClient-") && !before.contains(t))
                .map(Thread::getName).sorted().collect(Collectors.toList());
    }
}
