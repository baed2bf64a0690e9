package org.nacosgi.transport.internal;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends response bodies still incomplete when their call's deadline has passed. The JDK's request timeout stops
 * once the headers arrive (measured on 17: a stalled body hung until the server closed), so a server that
 * stalls mid-body would otherwise hold the caller past its timeout. One sweep every {@link #PERIOD} on the
 * scheduler, rather than a timer per call, keeps the per-call cost at a set insert and remove.
 */
final class BodyDeadlines implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(100);

    private final Set<GuardedBody> active = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweeper;

    BodyDeadlines(ScheduledExecutorService scheduler) {
        this.sweeper = scheduler.scheduleWithFixedDelay(this::sweep, PERIOD.toMillis(), PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A UTF-8 string body handler whose body fails with {@link HttpTimeoutException} after {@code deadline}. */
    HttpResponse.BodyHandler<String> ofString(Deadline deadline) {
        return info -> new GuardedBody(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), deadline);
    }

    void sweep() {
        for (GuardedBody body : active) {
            if (body.deadline.expired()) {
                body.expire();
            }
        }
    }

    /** Bodies being read now (for tests). */
    int active() {
        return active.size();
    }

    @Override
    public void close() {
        sweeper.cancel(false);
    }

    private final class GuardedBody implements HttpResponse.BodySubscriber<String> {
        private final HttpResponse.BodySubscriber<String> delegate;
        private final Deadline deadline;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        GuardedBody(HttpResponse.BodySubscriber<String> delegate, Deadline deadline) {
            this.delegate = delegate;
            this.deadline = deadline;
            delegate.getBody().whenComplete((value, error) -> {
                active.remove(this);
                if (error != null) {
                    body.completeExceptionally(error);
                } else {
                    body.complete(value);
                }
            });
        }

        void expire() {
            active.remove(this);
            if (body.completeExceptionally(new HttpTimeoutException(
                    "response body not complete within " + deadline.budget().toMillis() + " ms"))) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (!body.isDone()) {
                active.add(this);
            }
            delegate.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }
    }
}
