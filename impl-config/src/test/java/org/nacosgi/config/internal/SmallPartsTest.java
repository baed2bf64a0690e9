package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Backoff bounds, lane order and exclusivity, bounded fan-out. */
class SmallPartsTest {
    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        long[] expectedMax = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (long max : expectedMax) {
            long d = b.next().toMillis();
            assertTrue(d >= max / 2 && d <= max, d + " not in [" + max / 2 + ", " + max + "]");
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(b.next().toMillis() <= 2000); // no overflow however long it fails
        }
        b.reset();
        assertTrue(b.next().toMillis() <= 100);
        assertEquals(1, b.attempts());
    }

    @Test
    void aLaneRunsItsTasksInOrderOneAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialLane lane = new SerialLane(pool);
            List<Integer> seen = new CopyOnWriteArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlap = new AtomicInteger();
            for (int i = 0; i < 500; i++) {
                int n = i;
                lane.submit(() -> {
                    if (running.incrementAndGet() > 1) {
                        overlap.incrementAndGet();
                    }
                    seen.add(n);
                    running.decrementAndGet();
                });
            }
            assertTrue(Timing.await(Duration.ofSeconds(5), () -> seen.size() == 500));
            assertEquals(IntStream.range(0, 500).boxed().collect(Collectors.toList()), seen);
            assertEquals(0, overlap.get());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void fanOutKeepsItsBoundAndNeverGrowsTheStack() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(i);
        }
        CompletableFuture<Integer> done = Fanout.run(items, 3, i -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Void> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        });
        while (!done.isDone()) {
            CompletableFuture<Void> f = pending.isEmpty() ? null : pending.remove(0);
            if (f != null) {
                inFlight.decrementAndGet(); // before completing: completion may start the next step at once
                if (pending.size() % 7 == 0) {
                    f.completeExceptionally(new IllegalStateException("x"));
                } else {
                    f.complete(null);
                }
            }
        }
        assertEquals(3, peak.get());
        assertTrue(done.get() > 0, "failures are counted");
        // 100,000 steps that complete at once: a recursive pump would overflow the stack
        List<Integer> many = IntStream.range(0, 100_000).boxed().collect(Collectors.toList());
        assertEquals(0, Fanout.run(many, 4, i -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS));
    }
}
