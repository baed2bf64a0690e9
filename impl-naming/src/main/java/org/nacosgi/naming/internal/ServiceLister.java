package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.nacosgi.api.NacosTimeoutException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * Lists a service from the best source: the operator's failover file while failover is on, else the server (and
 * then the disk cache is refreshed), else, when no server answers, the disk cache. Every answer is filtered to
 * the query (clusters, health) on the client too, because the 3.x client API ignores {@code healthyOnly} and
 * files hold whole services.
 */
final class ServiceLister {
    private final InstanceCalls calls;
    private final ServiceCacheFiles cache;
    private final FailoverFiles failover;
    private final Logger log;
    private final AtomicBoolean servingCache = new AtomicBoolean();

    ServiceLister(InstanceCalls calls, ServiceCacheFiles cache, FailoverFiles failover, Logger log) {
        this.calls = calls;
        this.cache = cache;
        this.failover = failover;
        this.log = log;
    }

    /** A source tag for subscriptions: pushes and polls are ordered by lastRefTime, files are not. */
    enum Source { SERVER, FAILOVER, CACHE, PUSH }

    ServiceInfo list(ServiceQuery q) {
        String ns = namespace(q);
        Optional<ServiceInfo> fo = failover.read(q.groupName(), q.serviceName(), ns);
        if (fo.isPresent()) {
            return filter(q, fo.get());
        }
        try {
            ServiceInfo info = calls.list(q);
            servedByServer();
            cache.write(q, ns, info);
            return filter(q, info);
        } catch (ServerUnavailableException | NacosTimeoutException e) {
            return fromCache(q, ns, e).orElseThrow(() -> e);
        }
    }

    /** {@code sink} (null: none) is also given the list with its source, before the future completes. */
    CompletableFuture<ServiceInfo> listAsync(ServiceQuery q, InetSocketAddress push, BiConsumer<ServiceInfo, Source> sink) {
        String ns = namespace(q);
        Optional<ServiceInfo> fo = failover.read(q.groupName(), q.serviceName(), ns);
        if (fo.isPresent()) {
            return CompletableFuture.completedFuture(listed(filter(q, fo.get()), Source.FAILOVER, sink));
        }
        return calls.listAsync(q, push).handle((info, err) -> {
            if (err == null) {
                servedByServer();
                cache.write(q, ns, info);
                return listed(filter(q, info), Source.SERVER, sink);
            }
            Throwable cause = unwrap(err);
            if (cause instanceof ServerUnavailableException || cause instanceof NacosTimeoutException) {
                Optional<ServiceInfo> cached = fromCache(q, ns, (RuntimeException) cause);
                if (cached.isPresent()) {
                    return listed(cached.get(), Source.CACHE, sink);
                }
            }
            throw cause instanceof RuntimeException ? (RuntimeException) cause : new CompletionException(cause);
        });
    }

    /** Whether the operator's file serves this service now (pushes for it are then ignored). */
    boolean failoverActive(ServiceQuery q) {
        return failover.read(q.groupName(), q.serviceName(), namespace(q)).isPresent();
    }

    /** Keeps the hosts the query asks for, under the query's names. */
    static ServiceInfo filter(ServiceQuery q, ServiceInfo info) {
        List<Instance> hosts = new ArrayList<>(info.hosts().size());
        // reachProtectionThreshold: the server chose to return unhealthy instances too; respect it
        boolean healthyOnly = q.healthyOnly() && !info.reachProtectionThreshold();
        for (Instance i : info.hosts()) {
            if (!q.clusters().isEmpty() && !q.clusters().contains(i.clusterName())) {
                continue;
            }
            if (healthyOnly && !i.healthy()) {
                continue;
            }
            hosts.add(i);
        }
        return new ServiceInfo(q.serviceName(), q.groupName(), String.join(",", q.clusters()), hosts,
                info.cacheMillis(), info.lastRefTime(), info.checksum(), info.reachProtectionThreshold());
    }

    String namespace(ServiceQuery q) {
        return q.namespaceId().orElse(calls.namespace());
    }

    private static ServiceInfo listed(ServiceInfo info, Source source, BiConsumer<ServiceInfo, Source> sink) {
        if (sink != null) {
            sink.accept(info, source);
        }
        return info;
    }

    private Optional<ServiceInfo> fromCache(ServiceQuery q, String ns, RuntimeException cause) {
        Optional<ServiceInfo> cached = cache.read(q, ns);
        if (cached.isPresent() && servingCache.compareAndSet(false, true)) {
            log.log(Level.WARNING, "no naming server answered (" + cause.getMessage()
                    + "); serving service lists from the disk cache until one does");
        }
        return cached.map(info -> filter(q, info));
    }

    private void servedByServer() {
        if (servingCache.compareAndSet(true, false)) {
            log.log(Level.INFO, "a naming server answers again; no longer serving lists from the disk cache");
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
