package org.nacosgi.naming.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.OperationNotSupportedException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.ServerGeneration;
import org.nacosgi.api.spi.Transport;

/**
 * Sends the instance calls with the API the servers serve: v1 while they serve it, the 3.x client API on 3.2+,
 * the admin API for update and detail on 3.x. A 410 (or a 404 on a client route) means the generation moved on:
 * the transport probes again and the call is retried once with the next API. Never "not found".
 */
final class InstanceCalls {
    private final Transport transport;
    private final InstanceApi v1;
    private final InstanceApi v3;
    private final String namespace;
    private final boolean hasCredentials;
    /** Where the rare blocking re-probe of an async call runs: never an HTTP or scheduler thread. */
    private final Executor offload;
    /**
     * The generation last learnt from the transport. Async calls (beats, polls, on the scheduler) never probe:
     * until one is known they assume the v1 client API, served by everything but 3.2+, whose 410/404 answer then
     * triggers the probe. So a server outage costs a failed request per beat, never a blocked scheduler thread.
     */
    private volatile ServerGeneration known;

    InstanceCalls(Transport transport, NamingJson json, String namespace, boolean hasCredentials, Executor offload) {
        this.transport = transport;
        this.offload = offload;
        this.v1 = new V1InstanceApi(json);
        this.v3 = new V3InstanceApi(json);
        this.namespace = namespace;
        this.hasCredentials = hasCredentials;
    }

    String namespace() {
        return namespace;
    }

    void register(Instance i) {
        call(api -> api.register(i, namespace), written("register", i));
    }

    CompletableFuture<Void> registerAsync(Instance i) {
        return callAsync(api -> api.register(i, namespace), written("register", i));
    }

    void deregister(Instance i) {
        call(api -> api.deregister(i, namespace), written("deregister", i));
    }

    CompletableFuture<Void> deregisterAsync(Instance i) {
        return callAsync(api -> api.deregister(i, namespace), written("deregister", i));
    }

    BeatResult beat(Instance i, boolean light, Duration period) {
        return call(api -> api.beat(i, namespace, light, period), beaten(i, period));
    }

    CompletableFuture<BeatResult> beatAsync(Instance i, boolean light, Duration period) {
        return callAsync(api -> api.beat(i, namespace, light, period), beaten(i, period));
    }

    ServiceInfo list(ServiceQuery q) {
        return listAsync(q, null, false).join();
    }

    /** {@code push}: where UDP pushes should go, used only where the API supports them (v1). */
    CompletableFuture<ServiceInfo> listAsync(ServiceQuery q, InetSocketAddress push) {
        return listAsync(q, push, true);
    }

    /** Whether list calls currently go to an API that can subscribe to UDP pushes. */
    boolean pushCapable() {
        ServerGeneration g = known;
        return g == null || g.servesV1ClientApi();
    }

    /**
     * Updates weight, enabled flag and metadata: v1 PUT on 1.x/2.x; on 3.x the admin API, which needs credentials.
     */
    void modify(Instance i) {
        String what = what("modify", i);
        NacosResponse r = sendV1Maintenance(v1.modify(i, namespace), what);
        if (r != null) {
            v1.readWrite(r, what);
            return;
        }
        if (!hasCredentials) {
            throw new OperationNotSupportedException(what + ": Nacos 3.x serves instance updates only through its admin"
                    + " API (/v3/admin/ns/instance), which needs a token; configure username and password"
                    + " (the v3 client API has no update: remove and add the instance instead)");
        }
        v3.readWrite(transport.send(v3.modify(i, namespace)), what);
    }

    /**
     * One instance ({@code wanted}: service, group, ip, port, cluster): v1 detail on 1.x/2.x, the admin detail on
     * 3.x with credentials, else derived from the instance list (which leaves out disabled instances).
     */
    Instance detail(Instance wanted) {
        String what = what("get", wanted);
        NacosResponse r = sendV1Maintenance(v1.detail(wanted, namespace), what);
        if (r != null) {
            return v1.readDetail(r, wanted, what);
        }
        if (hasCredentials) {
            return v3.readDetail(transport.send(v3.detail(wanted, namespace)), wanted, what);
        }
        ServiceInfo info = list(ServiceQuery.builder(wanted.serviceName()).groupName(wanted.groupName())
                .clusters(List.of(wanted.clusterName())).build());
        for (Instance i : info.hosts()) {
            if (i.ip().equals(wanted.ip()) && i.port() == wanted.port() && i.clusterName().equals(wanted.clusterName())) {
                return i;
            }
        }
        throw new NotFoundException(what + ": not in the instance list (Nacos 3.x without credentials: the detail"
                + " is derived from the list, which leaves out disabled instances)");
    }

    /** The v1 answer while the servers serve the full v1 API (1.x/2.x); null on 3.x. */
    private NacosResponse sendV1Maintenance(NacosRequest request, String what) {
        if (!probe().servesFullV1()) {
            return null;
        }
        NacosResponse r = transport.send(request);
        if (r.status() == 410 && reprobe().servesFullV1()) {
            throw r.toException(what);
        }
        return r.status() == 410 ? null : r;
    }

    private CompletableFuture<ServiceInfo> listAsync(ServiceQuery q, InetSocketAddress push, boolean async) {
        String ns = q.namespaceId().orElse(namespace);
        Function<InstanceApi, NacosRequest> request = api -> api.list(q, ns, push);
        BiFunction<InstanceApi, NacosResponse, ServiceInfo> reader = (api, r) -> api.readList(r, q, "list " + q);
        return async ? callAsync(request, reader) : CompletableFuture.completedFuture(call(request, reader));
    }

    private static BiFunction<InstanceApi, NacosResponse, Void> written(String op, Instance i) {
        String what = what(op, i);
        return (api, r) -> {
            api.readWrite(r, what);
            return null;
        };
    }

    private static BiFunction<InstanceApi, NacosResponse, BeatResult> beaten(Instance i, Duration period) {
        String what = what("heartbeat", i);
        return (api, r) -> api.readBeat(r, period, what);
    }

    private <T> T call(Function<InstanceApi, NacosRequest> request, BiFunction<InstanceApi, NacosResponse, T> reader) {
        InstanceApi api = api(probe());
        NacosResponse r = transport.send(request.apply(api));
        if (movedOn(r)) {
            InstanceApi next = api(reprobe());
            if (next != api) {
                api = next;
                r = transport.send(request.apply(api));
            }
        }
        return reader.apply(api, r);
    }

    private <T> CompletableFuture<T> callAsync(Function<InstanceApi, NacosRequest> request,
            BiFunction<InstanceApi, NacosResponse, T> reader) {
        InstanceApi first;
        NacosRequest req;
        try {
            ServerGeneration g = known;
            first = api(g != null ? g : ServerGeneration.V2);
            req = request.apply(first);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport.sendAsync(req).thenCompose(r -> {
            if (!movedOn(r)) {
                return CompletableFuture.completedFuture(reader.apply(first, r));
            }
            return CompletableFuture.supplyAsync(this::reprobe, offload).thenCompose(g -> {
                InstanceApi next = api(g);
                if (next == first) {
                    return CompletableFuture.completedFuture(reader.apply(first, r));
                }
                return transport.sendAsync(request.apply(next)).thenApply(r2 -> reader.apply(next, r2));
            });
        });
    }

    /** The known generation, probing (blocking) when none is known yet: caller threads only. */
    private ServerGeneration probe() {
        ServerGeneration g = known;
        if (g == null) {
            g = transport.generation();
            known = g;
        }
        return g;
    }

    /** An API answered 410 or 404: the transport probes again. */
    private ServerGeneration reprobe() {
        transport.generationChanged();
        ServerGeneration g = transport.generation();
        known = g;
        return g;
    }

    private InstanceApi api(ServerGeneration generation) {
        return generation.servesV1ClientApi() ? v1 : v3;
    }

    /** The client routes never answer 404 for content (an unknown service lists empty), so 404 is a missing route. */
    private static boolean movedOn(NacosResponse r) {
        return r.status() == 410 || r.status() == 404;
    }

    private static String what(String op, Instance i) {
        return op + " instance " + i.address() + " cluster " + i.clusterName() + " of "
                + V1InstanceApi.grouped(i.groupName(), i.serviceName());
    }
}
