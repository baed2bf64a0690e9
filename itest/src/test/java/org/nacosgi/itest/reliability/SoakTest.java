package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * The bounded soak: one client watches 5,000 keys, keeps 500 instances registered (beats) and 50 subscriptions,
 * while a driver client changes 100 keys and one service per round, for {@code -Dnacosgi.soak.seconds} (default
 * 120; docs/reliability.md shows a longer run). Every change is awaited before the same key or service changes
 * again, so the event counts are exact: no lost, duplicated or out-of-order event. Threads and heap (after GC)
 * sampled after warm-up must not grow. The testkit runs in another JVM, so this JVM holds only the clients.
 */
@Tag("soak")
class SoakTest {
    private static final int KEYS = 5000;
    private static final int SERVICES = 50;
    private static final int INSTANCES_PER_SERVICE = 10;
    private static final int KEYS_PER_ROUND = 100;
    private static final long HEAP_TOLERANCE = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Counts per key: the last version seen and anything out of line. */
    private static final class KeyCounter implements ConfigListener {
        final AtomicIntegerArray last = new AtomicIntegerArray(KEYS);
        final AtomicIntegerArray events = new AtomicIntegerArray(KEYS);
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong gaps = new AtomicLong();
        final AtomicLong stale = new AtomicLong();
        final AtomicLong total = new AtomicLong();

        KeyCounter() {
            for (int k = 0; k < KEYS; k++) {
                last.set(k, -1);
            }
        }

        @Override
        public void onChange(ConfigChangeEvent event) {
            String content = event.content().orElse("");
            int colon = content.indexOf(':');
            int key = Integer.parseInt(content.substring(0, colon));
            int version = Integer.parseInt(content.substring(colon + 1));
            int previous = last.getAndSet(key, version);
            if (version == previous) {
                duplicates.incrementAndGet();
            } else if (version < previous) {
                stale.incrementAndGet();
            } else if (version > previous + 1) {
                gaps.incrementAndGet();
            }
            events.incrementAndGet(key);
            total.incrementAndGet();
        }
    }

    /** Counts events of one subscription, and events that changed nothing. */
    private static final class ServiceCounter implements NamingListener {
        volatile int size = -1;
        final AtomicLong events = new AtomicLong();
        final AtomicLong empty = new AtomicLong();

        @Override
        public void onEvent(NamingEvent event) {
            if (events.getAndIncrement() > 0 && event.added().isEmpty() && event.removed().isEmpty()
                    && event.modified().isEmpty()) {
                empty.incrementAndGet();
            }
            size = event.instances().size();
        }
    }

    @Test
    void soak() throws Exception {
        assumeTrue(ProcessResources.available(), "needs /proc (Linux)");
        Duration length = Duration.ofSeconds(Long.getLong("nacosgi.soak.seconds", 120));
        // the HTTP client's pools grow to the load's peak concurrency, then stay: warm up for a third of the run
        Duration warmUp = Duration.ofSeconds(Math.max(10, length.toSeconds() / 3));
        int[] versions = new int[KEYS];
        boolean[] churned = new boolean[SERVICES];
        long[] churns = new long[SERVICES];
        KeyCounter keys = new KeyCounter();
        List<ServiceCounter> services = new ArrayList<>();
        List<long[]> samples = new ArrayList<>(); // {seconds, threads, heap bytes}
        try (ServerProcess server = ServerProcess.start();
                NacosClient driver = Clients.create(Clients.options(dir.resolve("driver"), server.address())
                        .defaultTimeout(Duration.ofSeconds(10)));
                NacosClient client = Clients.create(Clients.options(dir.resolve("soak"), server.address())
                        .defaultTimeout(Duration.ofSeconds(10)))) {
            String prefix = "nacosgi-" + client.options().clientName() + "-";
            publish(driver, versions, 0, KEYS, true);
            for (int k = 0; k < KEYS; k++) {
                client.config().addConfigWatcher("soak-" + k, null, keys);
            }
            for (int s = 0; s < SERVICES; s++) {
                for (int i = 0; i < INSTANCES_PER_SERVICE; i++) {
                    client.naming().addNamingInstance(Instance.builder("soak-svc-" + s, "10.50." + s + "." + (i + 1),
                            8080).build());
                }
                ServiceCounter counter = new ServiceCounter();
                services.add(counter);
                client.naming().subscribe(counter, ServiceQuery.of("soak-svc-" + s), Duration.ofSeconds(1));
            }
            Await.until(() -> "first delivery of every key (" + keys.total.get() + ")", Duration.ofSeconds(120),
                    () -> keys.total.get() == KEYS);
            Await.until("first delivery of every subscription", Duration.ofSeconds(60),
                    () -> services.stream().allMatch(c -> c.size == INSTANCES_PER_SERVICE));

            long started = System.nanoTime();
            long end = started + length.toNanos();
            long warmEnd = started + warmUp.toNanos();
            long nextSample = warmEnd;
            int rounds = 0;
            long changes = 0;
            long serviceChanges = 0;
            while (System.nanoTime() < end) {
                int from = (rounds * KEYS_PER_ROUND) % KEYS;
                publish(driver, versions, from, KEYS_PER_ROUND, false);
                changes += KEYS_PER_ROUND;
                long roundStarted = System.nanoTime();
                if (!Await.within(Duration.ofSeconds(60), () -> undelivered(keys, versions, from).isEmpty())) {
                    throw new AssertionError(diagnose(client, driver, keys, versions, from, roundStarted, rounds));
                }
                int s = rounds % SERVICES;
                Instance extra = Instance.builder("soak-svc-" + s, "10.51." + s + ".1", 9090).build();
                if (churned[s]) {
                    driver.naming().removeNamingInstance(extra);
                } else {
                    driver.naming().addNamingInstance(extra);
                }
                churned[s] = !churned[s];
                churns[s]++;
                serviceChanges++;
                int expected = INSTANCES_PER_SERVICE + (churned[s] ? 1 : 0);
                ServiceCounter counter = services.get(s);
                Await.until("service change seen", Duration.ofSeconds(30), () -> counter.size == expected);
                rounds++;
                if (System.nanoTime() >= nextSample) {
                    samples.add(new long[] {(System.nanoTime() - started) / 1_000_000_000, countThreads(prefix),
                            ProcessResources.heapAfterGc()});
                    nextSample = System.nanoTime() + 5_000_000_000L;
                }
            }
            // settle: every subscription has seen its last change; then the final sample
            for (int s = 0; s < SERVICES; s++) {
                int expected = INSTANCES_PER_SERVICE + (churned[s] ? 1 : 0);
                ServiceCounter counter = services.get(s);
                Await.until("final service state", Duration.ofSeconds(30), () -> counter.size == expected);
            }
            samples.add(new long[] {(System.nanoTime() - started) / 1_000_000_000, countThreads(prefix),
                    ProcessResources.heapAfterGc()});
            // growth = the second half of the measured window above the first half
            List<long[]> first = samples.subList(0, samples.size() / 2);
            List<long[]> second = samples.subList(samples.size() / 2, samples.size());
            long firstThreads = first.stream().mapToLong(x -> x[1]).max().orElse(0);
            long secondThreads = second.stream().mapToLong(x -> x[1]).max().orElse(0);
            long firstHeap = first.stream().mapToLong(x -> x[2]).max().orElse(0);
            long secondHeap = second.stream().mapToLong(x -> x[2]).max().orElse(0);
            String series = samples.stream().map(x -> x[0] + "s:" + x[1] + "t/" + x[2] / (1024 * 1024) + "MiB")
                    .collect(java.util.stream.Collectors.joining(" "));
            long expectedKeyEvents = KEYS + changes;
            long namingEvents = services.stream().mapToLong(c -> c.events.get()).sum();
            long empty = services.stream().mapToLong(c -> c.empty.get()).sum();
            String figures = length.toSeconds() + " s, " + rounds + " rounds: " + changes + " config changes, "
                    + keys.total.get() + " config events (expected " + expectedKeyEvents + "), duplicates="
                    + keys.duplicates.get() + " gaps=" + keys.gaps.get() + " stale=" + keys.stale.get() + "; "
                    + serviceChanges + " service changes, " + namingEvents + " naming events (expected "
                    + (SERVICES + serviceChanges) + "), empty=" + empty + "; warm-up " + warmUp.toSeconds()
                    + " s; client threads/heap after GC: " + series + "; max first half " + firstThreads + "t/"
                    + firstHeap / (1024 * 1024) + "MiB, second half " + secondThreads + "t/"
                    + secondHeap / (1024 * 1024) + "MiB";
            System.out.println("[reliability] soak: " + figures);
            assertTrue(rounds > 0, figures);
            assertEquals(0, keys.duplicates.get() + keys.gaps.get() + keys.stale.get(), figures);
            assertEquals(expectedKeyEvents, keys.total.get(), figures);
            for (int k = 0; k < KEYS; k++) {
                assertEquals(versions[k] + 1, keys.events.get(k), "events of key " + k + ": " + figures);
            }
            assertEquals(0, empty, figures);
            for (int s = 0; s < SERVICES; s++) {
                assertEquals(1 + churns[s], services.get(s).events.get(), "events of service " + s + ": " + figures);
            }
            assertTrue(samples.size() >= 4, "enough samples: " + figures);
            assertTrue(secondThreads <= firstThreads + 2, "threads grew: " + figures);
            assertTrue(secondHeap <= firstHeap + HEAP_TOLERANCE, "heap grew: " + figures);
        }
    }

    private static List<Integer> undelivered(KeyCounter keys, int[] versions, int from) {
        List<Integer> out = new ArrayList<>();
        for (int k = from; k < from + KEYS_PER_ROUND; k++) {
            if (keys.last.get(k) != versions[k]) {
                out.add(k);
            }
        }
        return out;
    }

    /** What a stuck round looks like: the keys, what the server and a fresh read say, later delivery, threads. */
    private static String diagnose(NacosClient client, NacosClient driver, KeyCounter keys, int[] versions, int from,
            long roundStarted, int round) {
        List<Integer> missing = undelivered(keys, versions, from);
        StringBuilder b = new StringBuilder("round " + round + ": " + missing.size() + " of " + KEYS_PER_ROUND
                + " changes not delivered after " + (System.nanoTime() - roundStarted) / 1_000_000 + " ms;");
        for (int k : missing.subList(0, Math.min(5, missing.size()))) {
            String server;
            String read;
            try {
                server = driver.config().getConfig("soak-" + k);
            } catch (RuntimeException e) {
                server = e.toString();
            }
            try {
                read = client.config().getConfigItem("soak-" + k, null, Duration.ofSeconds(10), true).content();
            } catch (RuntimeException e) {
                read = e.toString();
            }
            b.append(" key ").append(k).append(" expected ").append(versions[k]).append(" seen ")
                    .append(keys.last.get(k)).append(" server '").append(server).append("' client read '")
                    .append(read).append("';");
        }
        boolean later = Await.within(Duration.ofSeconds(120), () -> undelivered(keys, versions, from).isEmpty());
        b.append(later ? " delivered within a further " : " still missing after a further ")
                .append((System.nanoTime() - roundStarted) / 1_000_000).append(" ms from the round's start;");
        b.append(" events total ").append(keys.total.get()).append("; threads:");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("nacosgi-" + client.options().clientName())) {
                b.append("\n  ").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(8, stack.length); i++) {
                    b.append("\n    at ").append(stack[i]);
                }
            }
        });
        return b.toString();
    }

    private static int countThreads(String prefix) {
        return (int) Threads.live().stream().filter(n -> n.startsWith(prefix)).count();
    }

    /** Publishes version 0 ({@code initial}) or the next version of keys [from, from + count), 16 at a time. */
    private static void publish(NacosClient driver, int[] versions, int from, int count, boolean initial)
            throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Void>> all = new ArrayList<>(count);
        for (int k = from; k < from + count; k++) {
            int key = k;
            int version = initial ? 0 : versions[k] + 1;
            versions[k] = version;
            inFlight.acquire();
            all.add(driver.config().publishConfigAsync("soak-" + key, null, key + ":" + version, null, null)
                    .whenComplete((v, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
    }
}
