package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;

/**
 * Keeps ephemeral instances alive: one task per instance on the client's one scheduler, each sending its beat
 * asynchronously and scheduling the next when the answer arrives (so no thread ever waits for a server). The
 * interval follows the server's {@code clientBeatInterval}; beats are light once the server allows it; an answer
 * "instance not found" (20404, or 21003 on 3.x) registers the instance again at once.
 */
final class BeatScheduler {
    private final ScheduledExecutorService scheduler;
    private final InstanceCalls calls;
    private final Logger log;
    private final Map<String, BeatTask> tasks = new ConcurrentHashMap<>();

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

    boolean isBeating(Instance instance) {
        return tasks.containsKey(key(instance));
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

    /** One instance's beat; all state changes happen under its monitor, the sends outside it. */
    private final class BeatTask implements Runnable {
        volatile Instance instance;
        private long intervalMillis;
        private boolean light;
        private boolean needsRegistration;
        private boolean cancelled;
        private boolean failing;
        private ScheduledFuture<?> next;
        private CompletableFuture<Void> registration = CompletableFuture.completedFuture(null);

        BeatTask(Instance instance, Duration interval, boolean needsRegistration) {
            this.instance = instance;
            this.intervalMillis = interval.toMillis();
            this.needsRegistration = needsRegistration;
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
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // a failed or slow re-registration: the deregistration that follows wins either way
            }
        }

        @Override
        public void run() {
            boolean register;
            boolean lightBeat;
            long interval;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                register = needsRegistration;
                lightBeat = light;
                interval = intervalMillis;
            }
            if (register) {
                register();
                return;
            }
            Instance i = instance;
            calls.beatAsync(i, lightBeat, Duration.ofMillis(interval)).whenComplete((result, err) -> {
                if (err != null) {
                    failed("heartbeat", err);
                    schedule(currentInterval());
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
                    register();
                } else {
                    schedule(currentInterval());
                }
            });
        }

        private void register() {
            CompletableFuture<Void> f;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                f = calls.registerAsync(instance);
                registration = f.handle((v, e) -> null);
            }
            f.whenComplete((v, err) -> {
                if (err != null) {
                    failed("registration", err);
                } else {
                    recovered();
                    synchronized (this) {
                        needsRegistration = false;
                        light = false; // the first beat after a registration carries the details
                    }
                }
                schedule(currentInterval());
            });
        }

        private synchronized long currentInterval() {
            return intervalMillis;
        }

        private void failed(String what, Throwable err) {
            boolean first;
            synchronized (this) {
                first = !failing;
                failing = true;
            }
            if (first) {
                log.log(Level.WARNING, what + " of " + instance + " failed (retrying every interval): "
                        + ServiceLister.unwrap(err).getMessage());
            }
        }

        private void recovered() {
            boolean was;
            synchronized (this) {
                was = failing;
                failing = false;
            }
            if (was) {
                log.log(Level.INFO, "heartbeats of " + instance + " reach the server again");
            }
        }
    }
}
