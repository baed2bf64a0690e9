package org.nacosgi.naming.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    private final V1InstanceApi v1Maintenance;
    private final AdminInstanceApi admin;
    private final String namespace;
    private final boolean hasCredentials;
    /** Where the rare blocking re-probe of an async call runs: never an HTTP or scheduler thread. */
    private final java.util.concurrent.Executor offload;
    /**
     * The generation last learnt from the transport. Async calls (beats, polls, on the scheduler) never probe:
     * until one is known they assume the v1 client API, served by everything but 3.2+, whose 410/404 answer then
     * triggers the probe. So a server outage costs a failed request per beat, never a blocked scheduler thread.
     */
    private volatile ServerGeneration known;

    InstanceCalls(Transport transport, NamingJson json, String namespace, boolean hasCredentials,
            java.util.concurrent.Executor offload) {
        this.transport = transport;
        this.offload = offload;
        V1InstanceApi v1Api = new V1InstanceApi(json);
        this.v1 = v1Api;
        this.v1Maintenance = v1Api;
        this.v3 = new V3ClientInstanceApi(json);
        this.admin = new AdminInstanceApi(json);
        this.namespace = namespace;
        this.hasCredentials = hasCredentials;
    }

    String namespace() {
        return namespace;
    }

    void register(Instance i) {
        call(api -> api.register(i, namespace), (api, r) -> {
            api.readWrite(r, what("register", i));
            return null;
        });
    }

    CompletableFuture<Void> registerAsync(Instance i) {
        return callAsync(api -> api.register(i, namespace), (api, r) -> {
            api.readWrite(r, what("register", i));
            return null;
        });
    }

    void deregister(Instance i) {
        call(api -> api.deregister(i, namespace), (api, r) -> {
            api.readWrite(r, what("deregister", i));
            return null;
        });
    }

    CompletableFuture<Void> deregisterAsync(Instance i) {
        return callAsync(api -> api.deregister(i, namespace), (api, r) -> {
            api.readWrite(r, what("deregister", i));
            return null;
        });
    }

    BeatResult beat(Instance i, boolean light, Duration period) {
        return call(api -> api.beat(i, namespace, light, period), (api, r) -> api.readBeat(r, period, what("heartbeat", i)));
    }

    CompletableFuture<BeatResult> beatAsync(Instance i, boolean light, Duration period) {
        return callAsync(api -> api.beat(i, namespace, light, period),
                (api, r) -> api.readBeat(r, period, what("heartbeat", i)));
    }

    ServiceInfo list(ServiceQuery q) {
        String ns = q.namespaceId().orElse(namespace);
        return call(api -> api.list(q, ns, null), (api, r) -> api.readList(r, q, "list " + q));
    }

    /** {@code push} is used only where the API supports it (v1). */
    CompletableFuture<ServiceInfo> listAsync(ServiceQuery q, PushTarget push) {
        String ns = q.namespaceId().orElse(namespace);
        return callAsync(api -> api.list(q, ns, api.supportsPush() ? push : null),
                (api, r) -> api.readList(r, q, "list " + q));
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
        if (probe().servesFullV1()) {
            NacosResponse r = transport.send(v1Maintenance.modify(i, namespace));
            if (r.status() != 410) {
                v1Maintenance.readModify(r, what);
                return;
            }
            if (reprobe().servesFullV1()) {
                throw r.toException(what);
            }
        }
        if (!hasCredentials) {
            throw new OperationNotSupportedException(what + ": Nacos 3.x serves instance updates only through its admin"
                    + " API (/v3/admin/ns/instance), which needs a token; configure username and password"
                    + " (the v3 client API has no update: remove and add the instance instead)");
        }
        NacosResponse r = transport.send(admin.modify(i, namespace));
        admin.readModify(r, what);
    }

    /**
     * One instance: v1 detail on 1.x/2.x, the admin detail on 3.x with credentials, else derived from the
     * instance list (which leaves out disabled instances).
     */
    Instance detail(String service, String group, String ip, int port, String cluster) {
        String what = "get instance " + ip + ":" + port + " cluster " + cluster + " of " + group + "@@" + service;
        if (probe().servesFullV1()) {
            NacosResponse r = transport.send(v1Maintenance.detail(service, group, ip, port, cluster, namespace));
            if (r.status() != 410) {
                return v1Maintenance.readDetail(r, service, group, what);
            }
            if (reprobe().servesFullV1()) {
                throw r.toException(what);
            }
        }
        if (hasCredentials) {
            NacosResponse r = transport.send(admin.detail(service, group, ip, port, cluster, namespace));
            return admin.readDetail(r, service, group, what);
        }
        ServiceInfo info = list(ServiceQuery.builder(service).groupName(group).clusters(List.of(cluster)).build());
        for (Instance i : info.hosts()) {
            if (i.ip().equals(ip) && i.port() == port && i.clusterName().equals(cluster)) {
                return i;
            }
        }
        throw new NotFoundException(what + ": not in the instance list (Nacos 3.x without credentials: the detail"
                + " is derived from the list, which leaves out disabled instances)");
    }

    private <T> T call(Function<InstanceApi, NacosRequest> request, Reader<T> reader) {
        InstanceApi api = api(probe());
        NacosResponse r = transport.send(request.apply(api));
        if (movedOn(r)) {
            InstanceApi next = api(reprobe());
            if (next != api) {
                api = next;
                r = transport.send(request.apply(api));
            }
        }
        return reader.read(api, r);
    }

    private <T> CompletableFuture<T> callAsync(Function<InstanceApi, NacosRequest> request, Reader<T> reader) {
        InstanceApi api;
        NacosRequest req;
        try {
            ServerGeneration g = known;
            api = api(g != null ? g : ServerGeneration.V2);
            req = request.apply(api);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        InstanceApi first = api;
        return transport.sendAsync(req).thenCompose(r -> {
            if (!movedOn(r)) {
                return CompletableFuture.completedFuture(reader.read(first, r));
            }
            return CompletableFuture.supplyAsync(this::reprobe, offload).thenCompose(g -> {
                InstanceApi next = api(g);
                if (next == first) {
                    return CompletableFuture.completedFuture(reader.read(first, r));
                }
                return transport.sendAsync(request.apply(next)).thenApply(r2 -> reader.read(next, r2));
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
        return op + " instance " + i.address() + " cluster " + i.clusterName() + " of " + i.groupName() + "@@"
                + i.serviceName();
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(InstanceApi api, NacosResponse response);
    }
}
