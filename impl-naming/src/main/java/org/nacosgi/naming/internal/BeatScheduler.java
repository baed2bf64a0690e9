package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;

/**
 * Keeps ephemeral instances alive: one task per instance on the client's one scheduler, each sending its beat
 * asynchronously and handling the answer back on the scheduler, so no thread waits for a server and all the beat
 * work runs on the scheduler's threads. The interval follows the server's {@code clientBeatInterval}; beats turn
 * light once the server allows it; an answer "instance not found" (20404, or 21003 on 3.x) registers the instance
 * again at once. A lost instance usually means a restarted server that lost them all, so the first "not found"
 * also brings every other instance's next beat forward (at most once per {@link #EXPEDITE_GAP}): all are back
 * within one beat interval of the restart instead of one interval plus a queue. At most {@value #MAX_IN_FLIGHT}
 * beats or registrations are outstanding (HTTP/1.1 needs a connection per concurrent request); the rest queue, so
 * a burst (1,000 instances registered together, or all re-registering after a restart) never opens a connection
 * per instance. Measured on 2 loaded cores: a cap of 16 took 7.7 s to re-register 1,000 instances, 64 took 2.0 s.
 */
final class BeatScheduler {
    static final int MAX_IN_FLIGHT = 64;
    static final Duration EXPEDITE_GAP = Duration.ofSeconds(5);
    /** A failed beat is retried after 1 s, 2 s, 4 s, ... up to the interval: a restart is over in seconds. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final ScheduledExecutorService scheduler;
    private final InstanceCalls calls;
    private final Logger log;
    private final Map<String, BeatTask> tasks = new ConcurrentHashMap<>();
    private final ArrayDeque<BeatTask> waiting = new ArrayDeque<>();
    private int inFlight;
    private final java.util.concurrent.atomic.AtomicLong lastExpedite =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - EXPEDITE_GAP.toNanos());

    BeatScheduler(ScheduledExecutorService scheduler, InstanceCalls calls, Logger log) {
        this.scheduler = scheduler;
        this.calls = calls;
        this.log = log;
    }

    /**
     * Starts beating for an instance, replacing an earlier task for the same address. {@code registered}: false
     * when the instance still has to be registered (the first run registers it, retrying every interval).
     */
    void start(Instance instance, Duration interval, boolean registered) {
        BeatTask task = new BeatTask(instance, interval, !registered);
        BeatTask old = tasks.put(key(instance), task);
        if (old != null) {
            old.cancel();
        }
        task.schedule(registered ? interval.toMillis() : 0);
    }

    /** Stops the beat of an instance at once and waits (bounded) for a re-registration in flight. */
    boolean stop(Instance instance, Duration bound) {
        BeatTask task = tasks.remove(key(instance));
        if (task == null) {
            return false;
        }
        task.cancel();
        task.awaitRegistration(bound);
        return true;
    }

    /** The registered state changed (modify): later registrations and full beats carry it. */
    void update(Instance instance) {
        BeatTask task = tasks.get(key(instance));
        if (task != null) {
            task.instance = instance;
        }
    }

    int size() {
        return tasks.size();
    }

    /** Cancels every beat and returns the instances that were beating, for the caller to deregister. */
    List<Instance> stopAll(Duration bound) {
        List<BeatTask> all = new ArrayList<>(tasks.values());
        tasks.clear();
        List<Instance> out = new ArrayList<>(all.size());
        for (BeatTask t : all) {
            t.cancel();
            out.add(t.instance);
        }
        long deadline = System.nanoTime() + bound.toNanos();
        for (BeatTask t : all) {
            t.awaitRegistration(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return out;
    }

    static String key(Instance i) {
        return i.groupName() + "@@" + i.serviceName() + "#" + i.address() + "#" + i.clusterName();
    }

    /** The server lost an instance: beat every other one now, at most once per gap. */
    private void expediteOthers(BeatTask lost) {
        long now = System.nanoTime();
        long prev = lastExpedite.get();
        if (now - prev < EXPEDITE_GAP.toNanos() || !lastExpedite.compareAndSet(prev, now)) {
            return;
        }
        for (BeatTask t : tasks.values()) {
            if (t != lost && t.takeTimer()) {
                admit(t);
            }
        }
    }

    /** Sends now if fewer than MAX_IN_FLIGHT calls are outstanding, else queues the task. */
    private void admit(BeatTask task) {
        synchronized (waiting) {
            if (inFlight >= MAX_IN_FLIGHT) {
                waiting.add(task);
                return;
            }
            inFlight++;
        }
        task.send();
    }

    /** A call finished: its slot goes to the next queued task (sent from the scheduler), if any. */
    private void release() {
        BeatTask next;
        synchronized (waiting) {
            do {
                next = waiting.poll();
            } while (next != null && next.isCancelled());
            if (next == null) {
                inFlight--;
                return;
            }
        }
        try {
            scheduler.execute(next::send);
        } catch (RejectedExecutionException e) {
            synchronized (waiting) {
                inFlight--; // the client is closing
            }
        }
    }

    /** One instance's beat. State changes happen under its monitor; sends and logging outside it. */
    private final class BeatTask implements Runnable {
        volatile Instance instance;
        private long intervalMillis;
        private boolean light;
        private boolean needsRegistration;
        private boolean cancelled;
        private int failures;
        private ScheduledFuture<?> next;
        private CompletableFuture<Void> registration = CompletableFuture.completedFuture(null);

        BeatTask(Instance instance, Duration interval, boolean needsRegistration) {
            this.instance = instance;
            this.intervalMillis = interval.toMillis();
            this.needsRegistration = needsRegistration;
        }

        synchronized boolean isCancelled() {
            return cancelled;
        }

        synchronized void schedule(long delayMillis) {
            if (cancelled) {
                return;
            }
            try {
                next = scheduler.schedule(this, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                cancelled = true; // the client is closing
            }
        }

        /** Cancels the pending timer so the caller can run the task now; false when it is running or queued. */
        synchronized boolean takeTimer() {
            return !cancelled && next != null && next.cancel(false);
        }

        synchronized void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        void awaitRegistration(Duration bound) {
            CompletableFuture<Void> r;
            synchronized (this) {
                r = registration;
            }
            try {
                r.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException e) {
                // a failed or slow re-registration: the deregistration that follows wins either way
            }
        }

        /** The timer fired (on the scheduler). */
        @Override
        public void run() {
            if (!isCancelled()) {
                admit(this);
            }
        }

        /** Holds an admission slot; every path releases it exactly once. */
        void send() {
            boolean register;
            boolean lightBeat;
            long interval;
            Instance i = instance;
            CompletableFuture<?> call;
            synchronized (this) {
                if (cancelled) {
                    call = null;
                    register = false;
                    lightBeat = false;
                    interval = 0;
                } else {
                    register = needsRegistration;
                    lightBeat = light;
                    interval = intervalMillis;
                    if (register) {
                        CompletableFuture<Void> f = calls.registerAsync(i);
                        registration = f.handle((v, e) -> null);
                        call = f;
                    } else {
                        call = calls.beatAsync(i, lightBeat, Duration.ofMillis(interval));
                    }
                }
            }
            if (call == null) {
                release();
                return;
            }
            try {
                call.whenCompleteAsync((result, err) -> {
                    release();
                    if (register) {
                        registered(err);
                    } else {
                        beaten((BeatResult) result, err, i);
                    }
                }, scheduler);
            } catch (RejectedExecutionException e) {
                release(); // the client is closing
            }
        }

        private void registered(Throwable err) {
            if (err != null) {
                schedule(failed("registration", err));
                return;
            }
            recovered();
            synchronized (this) {
                needsRegistration = false;
                light = false; // the first beat after a registration carries the details
            }
            schedule(currentInterval());
        }

        private void beaten(BeatResult result, Throwable err, Instance i) {
            if (err != null) {
                schedule(failed("heartbeat", err));
                return;
            }
            recovered();
            synchronized (this) {
                if (result.clientBeatInterval().toMillis() > 0) {
                    intervalMillis = result.clientBeatInterval().toMillis();
                }
                light = result.lightBeatEnabled();
                if (!result.instanceFound()) {
                    needsRegistration = true;
                }
            }
            if (!result.instanceFound()) {
                log.log(Level.INFO, "the server lost " + i + " (beat code " + result.code() + "); registering it again");
                if (!isCancelled()) {
                    admit(this);
                }
                expediteOthers(this);
            } else {
                schedule(currentInterval());
            }
        }

        private synchronized long currentInterval() {
            return intervalMillis;
        }

        /** Counts a failure and returns the delay until the retry. */
        private long failed(String what, Throwable err) {
            int n;
            long delay;
            synchronized (this) {
                n = ++failures;
                delay = Math.min(intervalMillis, FIRST_RETRY.toMillis() << Math.min(n - 1, 20));
            }
            if (n == 1) {
                log.log(Level.WARNING, what + " of " + instance + " failed (retrying, then every interval): "
                        + ServiceLister.unwrap(err).getMessage());
            }
            return delay;
        }

        private void recovered() {
            int was;
            synchronized (this) {
                was = failures;
                failures = 0;
            }
            if (was > 0) {
                log.log(Level.INFO, "heartbeats of " + instance + " reach the server again");
            }
        }
    }
}
