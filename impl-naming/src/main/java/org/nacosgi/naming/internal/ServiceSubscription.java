package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.naming.internal.ServiceLister.Source;

/**
 * One subscribed query: its listeners, the last known instances, and its poll, a task that re-arms itself on the
 * shared scheduler after each answer (so polls never overlap and no thread waits). Every listener keeps the list
 * it last saw: its first event reports the current instances once, as added; later events report the difference,
 * and nothing when nothing changed. Pushes older (by {@code lastRefTime}) than what is known are dropped.
 */
final class ServiceSubscription {
    private final ServiceQuery query;
    private final ScheduledExecutorService scheduler;
    private final ServiceLister lister;
    private final Supplier<InetSocketAddress> push;
    private final Logger log;
    private final Map<NamingListener, Slot> slots = new IdentityHashMap<>();
    private List<Instance> hosts;
    private long lastRefTime;
    private Duration serverCacheMillis;
    private ScheduledFuture<?> nextPoll;
    private long nextPollAt;
    private boolean inFlight;
    private boolean closed;
    private boolean failing;
    /** Whether the last poll asked for UDP pushes: then polls come at least every cacheMillis to keep them. */
    private boolean pushing;

    ServiceSubscription(ServiceQuery query, ScheduledExecutorService scheduler, ServiceLister lister,
            Supplier<InetSocketAddress> push, Logger log) {
        this.query = query;
        this.scheduler = scheduler;
        this.lister = lister;
        this.push = push;
        this.log = log;
    }

    ServiceQuery query() {
        return query;
    }

    /** Adds (or re-adds with a new interval) a listener. */
    synchronized void add(NamingListener listener, Executor lane, Duration interval) {
        Slot existing = slots.get(listener);
        if (existing != null) {
            existing.interval = interval;
            pollWithin(effectiveInterval());
            return;
        }
        Slot slot = new Slot(listener, lane, interval);
        slots.put(listener, slot);
        if (hosts != null) {
            slot.offer(hosts);
        }
        pollWithin(nextPoll == null && !inFlight ? Duration.ZERO : effectiveInterval());
    }

    synchronized boolean remove(NamingListener listener) {
        return slots.remove(listener) != null;
    }

    synchronized List<NamingListener> listenersNamed(String name) {
        List<NamingListener> out = new ArrayList<>();
        for (NamingListener l : slots.keySet()) {
            if (name.equals(safeName(l))) {
                out.add(l);
            }
        }
        return out;
    }

    synchronized boolean has(NamingListener listener) {
        return slots.containsKey(listener);
    }

    synchronized boolean isEmpty() {
        return slots.isEmpty();
    }

    synchronized List<Instance> hosts() {
        return hosts;
    }

    /** Polls at once (unless a poll is running): a push said something changed but not clearly for whom. */
    synchronized void pollNow() {
        pollWithin(Duration.ZERO);
    }

    synchronized void close() {
        closed = true;
        slots.clear();
        if (nextPoll != null) {
            nextPoll.cancel(false);
            nextPoll = null;
        }
    }

    /** Applies a list from a poll, a push, a failover file or the cache; notifies listeners that see a change. */
    void apply(ServiceInfo info, Source source) {
        if (source == Source.PUSH && lister.failoverActive(query)) {
            return; // the operator's list wins over the server while failover is on
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean fromServer = source == Source.SERVER || source == Source.PUSH;
            // dropped: an out-of-order push (re-sent duplicates are dropped by the receiver), a server answer
            // older than a push already applied (v3 answers carry no lastRefTime: 0), a disk copy of what we know
            if (fromServer ? info.lastRefTime() < lastRefTime && (source == Source.PUSH || info.lastRefTime() != 0)
                    : source == Source.CACHE && hosts != null) {
                return;
            }
            if (fromServer) {
                lastRefTime = Math.max(lastRefTime, info.lastRefTime());
                serverCacheMillis = info.cacheMillis();
            }
            hosts = info.hosts();
            for (Slot slot : slots.values()) {
                slot.offer(hosts);
            }
        }
    }

    private void poll() {
        synchronized (this) {
            if (closed || inFlight) {
                return;
            }
            inFlight = true;
            nextPoll = null;
        }
        InetSocketAddress target = push.get();
        synchronized (this) {
            pushing = target != null;
        }
        lister.listAsync(query, target, this::apply).whenComplete(this::polled);
    }

    /** After the poll's list was applied (by the lister, through {@link #apply}). */
    private void polled(ServiceInfo listed, Throwable err) {
        synchronized (this) {
            inFlight = false;
            if (err != null) {
                if (!failing) {
                    log.log(Level.WARNING, "cannot list " + query + " (polling on every "
                            + effectiveInterval().toMillis() + " ms): " + ServiceLister.unwrap(err).getMessage());
                }
                failing = true;
            } else if (failing) {
                failing = false;
                log.log(Level.INFO, "listing " + query + " works again");
            }
            pollWithin(effectiveInterval());
        }
    }

    /** Makes sure a poll runs within {@code delay}: re-arms an idle or later poll. Caller holds the monitor. */
    private void pollWithin(Duration delay) {
        if (closed || inFlight) {
            return;
        }
        long at = System.nanoTime() + delay.toNanos();
        if (nextPoll != null) {
            if (nextPollAt - at <= 0) {
                return;
            }
            nextPoll.cancel(false);
        }
        try {
            nextPoll = scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
            nextPollAt = at;
        } catch (RejectedExecutionException e) {
            closed = true; // the client is closing
        }
    }

    /**
     * The shortest interval of the listeners ("null" ones follow the server's cacheMillis). While pushes are asked
     * for, at most cacheMillis: the server forgets a push subscriber that has not listed for about that long.
     */
    private Duration effectiveInterval() {
        Duration cache = serverCacheMillis != null ? serverCacheMillis : NamingService.DEFAULT_SUBSCRIBE_INTERVAL;
        Duration min = null;
        for (Slot s : slots.values()) {
            Duration d = s.interval != null ? s.interval : cache;
            if (min == null || d.compareTo(min) < 0) {
                min = d;
            }
        }
        if (min == null) {
            min = NamingService.DEFAULT_SUBSCRIBE_INTERVAL;
        }
        return pushing && serverCacheMillis != null && serverCacheMillis.compareTo(min) < 0 ? serverCacheMillis : min;
    }

    static String safeName(NamingListener l) {
        try {
            return l.name();
        } catch (RuntimeException e) {
            return l.getClass().getName();
        }
    }

    /** One listener's view: the list it last saw, and its lane. */
    private final class Slot {
        final NamingListener listener;
        final Executor lane;
        Duration interval;
        List<Instance> seen;

        Slot(NamingListener listener, Executor lane, Duration interval) {
            this.listener = listener;
            this.lane = lane;
            this.interval = interval;
        }

        /** Caller holds the subscription's monitor, so events are queued in the order lists were applied. */
        void offer(List<Instance> now) {
            NamingEvent event = seen == null ? new NamingEvent(query, now, List.of(), List.of(), now)
                    : diff(query, seen, now);
            seen = now; // also when nothing changed: keep the newest objects (e.g. instance ids)
            if (event != null) {
                NamingListener l = listener;
                lane.execute(() -> deliver(l, event));
            }
        }
    }

    /**
     * The event from {@code before} to {@code now}, null when nothing changed. Instances are the same when ip, port
     * and cluster match; one is modified when its weight, health, enabled or ephemeral flag or metadata changed
     * (reported in its new state). The server's instance id is not compared: it comes and goes with the API that
     * registered the instance.
     */
    static NamingEvent diff(ServiceQuery query, List<Instance> before, List<Instance> now) {
        Map<String, Instance> old = index(before);
        List<Instance> added = new ArrayList<>();
        List<Instance> modified = new ArrayList<>();
        for (Map.Entry<String, Instance> e : index(now).entrySet()) {
            Instance a = old.remove(e.getKey());
            Instance b = e.getValue();
            if (a == null) {
                added.add(b);
            } else if (Double.compare(a.weight(), b.weight()) != 0 || a.healthy() != b.healthy()
                    || a.enabled() != b.enabled() || a.ephemeral() != b.ephemeral()
                    || !a.metadata().equals(b.metadata())) {
                modified.add(b);
            }
        }
        List<Instance> removed = new ArrayList<>(old.values()); // what is left of the old list is gone
        return added.isEmpty() && removed.isEmpty() && modified.isEmpty() ? null
                : new NamingEvent(query, added, removed, modified, now);
    }

    private static Map<String, Instance> index(List<Instance> list) {
        Map<String, Instance> m = new LinkedHashMap<>();
        for (Instance i : list) {
            m.put(i.address() + "#" + i.clusterName(), i);
        }
        return m;
    }

    private void deliver(NamingListener l, NamingEvent event) {
        try {
            l.onEvent(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            log.log(Level.WARNING, "naming listener " + safeName(l) + " of " + query + " threw; it stays subscribed", t);
        }
    }
}
