package org.nacosgi.config.internal;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Runs an async step over a list with at most {@code parallelism} steps in flight; completes when all did. */
final class Fanout<T> {
    private final Iterator<T> items;
    private final int parallelism;
    private final Function<T, CompletableFuture<?>> step;
    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private int running;
    private int failures;

    private Fanout(List<T> items, int parallelism, Function<T, CompletableFuture<?>> step) {
        this.items = items.iterator();
        this.parallelism = Math.max(1, parallelism);
        this.step = step;
    }

    /** Completes with the number of steps that failed (a failed step never stops the others). */
    static <T> CompletableFuture<Integer> run(List<T> items, int parallelism, Function<T, CompletableFuture<?>> step) {
        Fanout<T> f = new Fanout<>(items, parallelism, step);
        f.pump();
        return f.done;
    }

    /** A loop, not recursion: steps that complete at once must not grow the stack. */
    private void pump() {
        while (true) {
            T item;
            synchronized (this) {
                if (!items.hasNext()) {
                    if (running == 0 && !done.isDone()) {
                        done.complete(failures);
                    }
                    return;
                }
                if (running >= parallelism) {
                    return;
                }
                item = items.next();
                running++;
            }
            CompletableFuture<?> f;
            try {
                f = step.apply(item);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            if (f.isDone()) {
                finished(f.isCompletedExceptionally());
                continue;
            }
            f.whenComplete((v, e) -> {
                finished(e != null);
                pump();
            });
        }
    }

    private synchronized void finished(boolean failed) {
        running--;
        if (failed) {
            failures++;
        }
    }
}
