package org.nacosgi.config.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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
