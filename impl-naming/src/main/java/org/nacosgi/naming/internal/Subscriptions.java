package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.naming.internal.ServiceLister.Source;

/**
 * Every subscription of one client, keyed by its (namespace-complete) query, and the serial lane of every
 * subscribed listener, shared by all its subscriptions so it sees its events in order. The last listener leaving
 * a subscription ends its poll.
 */
final class Subscriptions {
    private final ScheduledExecutorService scheduler;
    private final Executor callbackPool;
    private final ServiceLister lister;
    private final Supplier<InetSocketAddress> push;
    private final Logger log;
    private final Map<ServiceQuery, ServiceSubscription> byQuery = new HashMap<>();
    private final Map<NamingListener, SerialLane> lanes = new IdentityHashMap<>();
    private boolean closed;

    Subscriptions(ScheduledExecutorService scheduler, Executor callbackPool, ServiceLister lister,
            Supplier<InetSocketAddress> push, Logger log) {
        this.scheduler = scheduler;
        this.callbackPool = callbackPool;
        this.lister = lister;
        this.push = push;
        this.log = log;
    }

    /** {@code query} has its namespace filled in. */
    synchronized void subscribe(NamingListener listener, ServiceQuery query, Duration interval) {
        if (closed) {
            throw new IllegalStateException("the naming service is closed");
        }
        ServiceSubscription sub = byQuery.computeIfAbsent(query,
                q -> new ServiceSubscription(q, scheduler, lister, push, log));
        sub.add(listener, lanes.computeIfAbsent(listener, l -> new SerialLane(callbackPool)), interval);
    }

    /** Removes a listener from every subscription of the query's namespace, group and service (any clusters). */
    synchronized boolean unsubscribe(ServiceQuery query, NamingListener listener) {
        boolean removed = false;
        for (ServiceSubscription sub : sameService(query)) {
            if (sub.remove(listener)) {
                removed = true;
                released(listener);
                closeIfEmpty(sub);
            }
        }
        return removed;
    }

    /** Removes the listeners named {@code name} from every subscription of the query's service. */
    synchronized boolean unsubscribe(ServiceQuery query, String name) {
        boolean removed = false;
        for (ServiceSubscription sub : sameService(query)) {
            for (NamingListener l : sub.listenersNamed(name)) {
                if (sub.remove(l)) {
                    removed = true;
                    released(l);
                }
            }
            closeIfEmpty(sub);
        }
        return removed;
    }

    synchronized void stopAll() {
        for (ServiceSubscription sub : byQuery.values()) {
            sub.close();
        }
        byQuery.clear();
        lanes.clear();
    }

    synchronized void close() {
        closed = true;
        stopAll();
    }

    synchronized int size() {
        return byQuery.size();
    }

    /** The instances a subscription knows for exactly this query, if any (null when unknown). */
    List<Instance> known(ServiceQuery query) {
        ServiceSubscription sub;
        synchronized (this) {
            sub = byQuery.get(query);
        }
        return sub == null ? null : sub.hosts();
    }

    /**
     * A pushed list: applied to the subscriptions of that service and clusters. The push does not say its
     * namespace, so when subscriptions of several namespaces match, each polls now instead.
     */
    void onPush(ServiceInfo info) {
        List<ServiceSubscription> matches = new ArrayList<>();
        Set<String> clusters = clusterSet(info.clusters());
        synchronized (this) {
            for (ServiceSubscription sub : byQuery.values()) {
                ServiceQuery q = sub.query();
                if (q.serviceName().equals(info.serviceName()) && q.groupName().equals(info.groupName())
                        && clusterSet(String.join(",", q.clusters())).equals(clusters)) {
                    matches.add(sub);
                }
            }
        }
        long namespaces = matches.stream().map(s -> s.query().namespaceId().orElse("")).distinct().count();
        for (ServiceSubscription sub : matches) {
            if (namespaces > 1) {
                sub.pollNow();
            } else {
                sub.apply(ServiceLister.filter(sub.query(), info), Source.PUSH);
            }
        }
    }

    private List<ServiceSubscription> sameService(ServiceQuery query) {
        List<ServiceSubscription> out = new ArrayList<>();
        for (ServiceSubscription sub : byQuery.values()) {
            ServiceQuery q = sub.query();
            if (q.serviceName().equals(query.serviceName()) && q.groupName().equals(query.groupName())
                    && Objects.equals(q.namespaceId(), query.namespaceId())) {
                out.add(sub);
            }
        }
        return out;
    }

    private void closeIfEmpty(ServiceSubscription sub) {
        if (sub.isEmpty()) {
            sub.close();
            byQuery.remove(sub.query());
        }
    }

    /** Drops the listener's lane once no subscription holds the listener. */
    private void released(NamingListener listener) {
        for (ServiceSubscription sub : byQuery.values()) {
            if (sub.has(listener)) {
                return;
            }
        }
        lanes.remove(listener);
    }

    private static Set<String> clusterSet(String clusters) {
        Set<String> s = new TreeSet<>();
        for (String c : clusters.split(",")) {
            if (!c.isBlank()) {
                s.add(c.trim());
            }
        }
        return s;
    }
}
