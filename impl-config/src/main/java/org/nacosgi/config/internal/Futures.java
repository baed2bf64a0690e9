package org.nacosgi.config.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.nacosgi.api.NacosException;

/** Waiting for and unwrapping futures so sync callers see the same exception types as async ones. */
final class Futures {
    private Futures() {
    }

    /** Waits in the caller's thread (the transport bounds the time) and rethrows the cause, not a wrapper. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw rethrowable(e);
        }
    }

    /**
     * The future handed to a user: it completes on the callback pool, so stages the user chains never run on the
     * transport's one HTTP thread, where a blocking call would wait for that same thread until it timed out.
     */
    static <T> CompletableFuture<T> onCallbackPool(CompletableFuture<T> future, Executor callbacks) {
        CompletableFuture<T> out = new CompletableFuture<>();
        future.whenComplete((value, error) -> {
            Runnable complete = () -> {
                if (error == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(unwrap(error));
                }
            };
            try {
                callbacks.execute(complete);
            } catch (RejectedExecutionException closed) {
                complete.run();
            }
        });
        return out;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static RuntimeException rethrowable(Throwable t) {
        t = unwrap(t);
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new NacosException(String.valueOf(t.getMessage()), t);
    }
}
