package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** {@code /v3/admin/ns/...}: services, instances (delayed views as on the real server), clients, ops. */
final class V3AdminNamingRoutes {
    private final Core core;
    private final V3Replies replies;
    private final ServiceInfoJson infoJson;

    V3AdminNamingRoutes(Core core) {
        this.core = core;
        this.replies = new V3Replies(core);
        this.infoJson = new ServiceInfoJson(core);
    }

    void register(Routes routes) {
        routes.add("POST", "/v3/admin/ns/service", Routes.Guard.ADMIN, this::createService);
        routes.add("PUT", "/v3/admin/ns/service", Routes.Guard.ADMIN, this::updateService);
        routes.add("DELETE", "/v3/admin/ns/service", Routes.Guard.ADMIN, this::deleteService);
        routes.add("GET", "/v3/admin/ns/service", Routes.Guard.ADMIN, this::serviceDetail);
        routes.add("GET", "/v3/admin/ns/service/list", Routes.Guard.ADMIN, this::serviceList);
        routes.add("GET", "/v3/admin/ns/service/subscribers", Routes.Guard.ADMIN,
                c -> replies.ok(core.json.obj().add("totalCount", 0).add("pageNumber", 1).add("pagesAvailable", 0)
                        .add("pageItems", core.json.arr()).build()));
        routes.add("POST", "/v3/admin/ns/instance", Routes.Guard.ADMIN, this::registerInstance);
        routes.add("DELETE", "/v3/admin/ns/instance", Routes.Guard.ADMIN, this::deregister);
        routes.add("PUT", "/v3/admin/ns/instance", Routes.Guard.ADMIN, this::update);
        routes.add("PUT", "/v3/admin/ns/instance/partial", Routes.Guard.ADMIN, this::partial);
        routes.add("GET", "/v3/admin/ns/instance", Routes.Guard.ADMIN, this::detail);
        routes.add("GET", "/v3/admin/ns/instance/list", Routes.Guard.ADMIN, this::list);
        routes.add("PUT", "/v3/admin/ns/instance/metadata/batch", Routes.Guard.ADMIN, c -> batch(c, false));
        routes.add("DELETE", "/v3/admin/ns/instance/metadata/batch", Routes.Guard.ADMIN, c -> batch(c, true));
        routes.add("PUT", "/v3/admin/ns/health/instance", Routes.Guard.ADMIN, this::health);
        routes.add("PUT", "/v3/admin/ns/cluster", Routes.Guard.ADMIN, c -> replies.ok("ok"));
        routes.add("GET", "/v3/admin/ns/ops/switches", Routes.Guard.ADMIN, c -> replies.okRaw(NamingRoutes.SWITCHES
                .replace("pushGoVersion", "pushVersionOfGo").replace("pushJavaVersion", "pushVersionOfJava")
                .replace("pushPythonVersion", "pushVersionOfPython").replace("pushCVersion", "pushVersionOfC")
                .replace("pushCSharpVersion", "pushVersionOfCsharp")));
        routes.add("GET", "/v3/admin/ns/ops/metrics", Routes.Guard.ADMIN,
                c -> replies.ok(core.json.obj().add("status", "UP").build()));
        routes.add("GET", "/v3/admin/ns/client/list", Routes.Guard.ADMIN, this::clients);
        routes.add("GET", "/v3/admin/ns/client", Routes.Guard.ADMIN, this::client);
    }

    private Reply requireService(Request r) {
        String bad = NamingChecks.check(r, core.json, "clusterName");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        if (!r.has("serviceName") || r.param("serviceName").isEmpty()) {
            return replies.missing("serviceName");
        }
        return null;
    }

    private Reply createService(Call call) {
        Request r = call.req;
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        String selector = r.param("selector");
        if (selector != null && !selector.isBlank()) {
            String type;
            try {
                type = core.json.parse(selector).asJsonObject().getString("type", "");
            } catch (RuntimeException e) {
                type = "";
            }
            if (!"none".equalsIgnoreCase(type) && !"label".equalsIgnoreCase(type)) {
                return replies.error(400, 21006, "selector error", "not match any type of selector!");
            }
        }
        double threshold = Double.parseDouble(r.param("protectThreshold", "0"));
        boolean ok = core.instances.createService(ref.namespace, ref.group, ref.name, threshold,
                core.json.parseMetadata(r.param("metadata")), Boolean.valueOf(r.param("ephemeral", "false")));
        if (!ok) {
            return replies.error(400, 21007, "service already exist", "specified service " + ref.grouped()
                    + " already exists!");
        }
        return replies.ok("ok");
    }

    private Reply updateService(Call call) {
        Request r = call.req;
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        Double threshold = r.has("protectThreshold") ? Double.valueOf(r.param("protectThreshold")) : null;
        Map<String, String> meta = r.has("metadata") ? core.json.parseMetadata(r.param("metadata")) : null;
        if (!core.instances.updateService(ref.namespace, ref.group, ref.name, threshold, meta)) {
            return replies.error(400, 21008, "service not exist", "service " + ref.grouped() + " not found!");
        }
        return replies.ok("ok");
    }

    private Reply deleteService(Call call) {
        Request r = call.req;
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        NamingService s = core.instances.find(ref.namespace, ref.group, ref.name);
        if (s == null) {
            return replies.error(400, 21008, "service not exist", "service " + ref.grouped() + " not found!");
        }
        if (!core.instances.currentHosts(ref.namespace, ref.group, ref.name).isEmpty()) {
            return replies.error(400, 21009, "service delete failure", "Service " + ref.grouped()
                    + " is not empty, can't be delete. Please unregister instance first");
        }
        core.instances.removeService(ref.namespace, ref.group, ref.name);
        return replies.ok("ok");
    }

    private Reply serviceDetail(Call call) {
        Request r = call.req;
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        NamingService s = core.instances.find(ref.namespace, ref.group, ref.name);
        if (s == null) {
            return replies.error(400, 21008, "service not exist", "service not found, namespace: " + ref.namespace
                    + ", serviceName: " + ref.grouped());
        }
        JsonObjectBuilder clusters = core.json.obj();
        synchronized (core.instances) {
            for (String c : s.clusters) {
                clusters.add(c, core.json.obj().add("clusterName", c)
                        .add("healthChecker", core.json.obj().add("type", "TCP")).add("metadata", core.json.obj())
                        .addNull("hosts"));
            }
        }
        String data = core.json.obj().add("namespaceId", s.namespace).add("serviceName", s.name)
                .add("groupName", s.group).add("clusterMap", clusters)
                .add("metadata", core.json.metadataObject(s.metadata)).add("protectThreshold", s.protectThreshold)
                .add("selector", core.json.parse(V2Routes.NONE_SELECTOR))
                .add("ephemeral", s.ephemeral == null || s.ephemeral).build().toString();
        return replies.okRaw(data.replace(V2Routes.NONE_SELECTOR, V2Routes.NONE_SELECTOR_WIRE));
    }

    private Reply serviceList(Call call) {
        Request r = call.req;
        int pageNo;
        int pageSize;
        try {
            pageNo = Integer.parseInt(r.param("pageNo", "1").trim());
            pageSize = Integer.parseInt(r.param("pageSize", "10").trim());
        } catch (NumberFormatException e) {
            return replies.error(400, 20002, "parameter validate error", e.getMessage());
        }
        if (pageNo < 1) {
            return replies.error(400, 20002, "parameter validate error",
                    "Required parameter 'pageNo' should be positive integer, current is " + pageNo);
        }
        String groupFilter = r.param("groupNameParam", "");
        String nameFilter = r.param("serviceNameParam", "");
        List<NamingService> hits = new ArrayList<>();
        for (NamingService s : core.instances.servicesIn(r.param("namespaceId"))) {
            if ((groupFilter.isEmpty() || s.group.contains(groupFilter))
                    && (nameFilter.isEmpty() || s.name.contains(nameFilter))) {
                hits.add(s);
            }
        }
        JsonArrayBuilder items = core.json.arr();
        for (int k = (pageNo - 1) * pageSize; k < Math.min(hits.size(), pageNo * pageSize); k++) {
            NamingService s = hits.get(k);
            List<Host> hosts = core.instances.currentHosts(s.namespace, s.group, s.name);
            LinkedHashSet<String> clusters = new LinkedHashSet<>();
            int healthy = 0;
            for (Host h : hosts) {
                clusters.add(h.cluster);
                healthy += h.healthy ? 1 : 0;
            }
            items.add(core.json.obj().add("name", s.name).add("groupName", s.group)
                    .add("clusterCount", clusters.size()).add("ipCount", hosts.size())
                    .add("healthyInstanceCount", healthy).add("triggerFlag", "false"));
        }
        return replies.ok(core.json.obj().add("totalCount", hits.size()).add("pageNumber", pageNo)
                .add("pagesAvailable", (hits.size() + pageSize - 1) / pageSize).add("pageItems", items).build());
    }

    private Reply requireInstance(Request r) {
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        for (String p : new String[] {"ip", "port"}) {
            if (!r.has(p) || r.param(p).isEmpty()) {
                return replies.missing(p);
            }
        }
        return null;
    }

    private Reply registerInstance(Call call) {
        Request r = call.req;
        Reply bad = requireInstance(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        double weight;
        try {
            weight = Double.parseDouble(r.param("weight", "1"));
        } catch (NumberFormatException e) {
            return replies.error(400, 10001, "parameter type error", e.getMessage());
        }
        if (weight > 10000 || weight < 0) {
            return replies.error(400, 21001, "weight error",
                    "instance format invalid: The weights range from 0.0 to 10000.0");
        }
        InstanceStore.Registered res = core.instances.register(ref.namespace, ref.group, ref.name, r.param("ip"),
                Integer.parseInt(r.param("port").trim()), r.paramOrBlank("clusterName", "DEFAULT"), weight,
                Boolean.parseBoolean(r.param("healthy", "true")), Boolean.parseBoolean(r.param("enabled", "true")),
                Boolean.parseBoolean(r.param("ephemeral", "true")), core.json.parseMetadata(r.param("metadata")),
                false);
        Reply conflict = NamingRoutes.conflict(res, ref);
        return conflict != null ? replies.error(400, 30000, "server error", conflict.bodyText()) : replies.ok("ok");
    }

    private Reply deregister(Call call) {
        Request r = call.req;
        Reply bad = requireInstance(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        core.instances.deregister(ref.namespace, ref.group, ref.name, r.param("ip"),
                Integer.parseInt(r.param("port").trim()), Boolean.parseBoolean(r.param("ephemeral", "true")));
        return replies.ok("ok");
    }

    private Reply update(Call call) {
        Request r = call.req;
        Reply bad = requireInstance(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        double weight = Double.parseDouble(r.param("weight", "1"));
        if (weight > 10000 || weight < 0) {
            return replies.error(400, 21001, "weight error",
                    "instance format invalid: The weights range from 0.0 to 10000.0");
        }
        core.instances.update(ref.namespace, ref.group, ref.name, r.param("ip"),
                Integer.parseInt(r.param("port").trim()), weight, Boolean.parseBoolean(r.param("enabled", "true")),
                core.json.parseMetadata(r.param("metadata")));
        return replies.ok("ok");
    }

    private Reply partial(Call call) {
        Request r = call.req;
        Reply bad = requireInstance(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        boolean found = core.instances.patch(ref.namespace, ref.group, ref.name, r.param("ip"),
                Integer.parseInt(r.param("port").trim()),
                r.has("weight") ? Double.valueOf(r.param("weight")) : null,
                r.has("enabled") ? Boolean.valueOf(r.param("enabled")) : null,
                r.has("metadata") ? core.json.parseMetadata(r.param("metadata")) : null);
        return found ? replies.ok("ok") : replies.notFound("no matched ip found!");
    }

    /** Admin reads come from the delayed snapshot, as on the real server. */
    private Reply detail(Call call) {
        Request r = call.req;
        Reply bad = requireInstance(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        String cluster = r.paramOrBlank("clusterName", "DEFAULT");
        List<Host> view = core.instances.find(ref.namespace, ref.group, ref.name) == null ? List.of()
                : core.instances.listView(ref.namespace, ref.group, ref.name);
        boolean clusterSeen = false;
        for (Host h : view) {
            if (h.cluster.equals(cluster)) {
                clusterSeen = true;
                if (h.ip.equals(r.param("ip")) && String.valueOf(h.port).equals(r.param("port").trim())) {
                    return replies.ok(infoJson.host(h, ref.grouped(), true));
                }
            }
        }
        return replies.notFound(clusterSeen ? "no matched ip found!"
                : "no ips found for cluster " + cluster + " in service " + ref.grouped());
    }

    private Reply list(Call call) {
        Request r = call.req;
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        String cluster = r.paramOrBlank("clusterName", "DEFAULT");
        List<Host> view = core.instances.find(ref.namespace, ref.group, ref.name) == null ? List.of()
                : core.instances.listView(ref.namespace, ref.group, ref.name);
        java.util.Set<String> wanted = new java.util.HashSet<>(List.of(cluster.split(",")));
        JsonArrayBuilder a = core.json.arr();
        boolean any = false;
        for (Host h : view) {
            if (wanted.contains(h.cluster)) {
                any = true;
                a.add(infoJson.host(h, ref.grouped(), true));
            }
        }
        if (!any) {
            return replies.error(404, 30000, "server error", "cluster " + cluster + " is not found!");
        }
        return replies.ok(a.build());
    }

    private Reply batch(Call call, boolean delete) {
        Request r = call.req;
        Reply bad = requireService(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        List<String[]> targets = new ArrayList<>();
        JsonArrayBuilder updated = core.json.arr();
        String consistency = r.param("consistencyType", "ephemeral");
        try {
            JsonArray list = core.json.parse(r.param("instances", "[]")).asJsonArray();
            for (JsonValue v : list) {
                JsonObject o = v.asJsonObject();
                String ip = o.getString("ip", "");
                int port = o.containsKey("port") ? o.getJsonNumber("port").intValue() : 0;
                targets.add(new String[] {ip, String.valueOf(port)});
                updated.add(ip + ":" + port + ":unknown:" + o.getString("clusterName", "DEFAULT") + ":"
                        + consistency);
            }
        } catch (RuntimeException e) {
            return replies.error(400, 20002, "parameter validate error", "instances is not a JSON array");
        }
        core.instances.batchMetadata(ref.namespace, ref.group, ref.name, targets,
                core.json.parseMetadata(r.param("metadata")), delete);
        return replies.ok(core.json.obj().add("updated", updated).build());
    }

    private Reply health(Call call) {
        Request r = call.req;
        Reply bad = requireInstance(r);
        if (bad != null) {
            return bad;
        }
        ServiceRef ref = V3ClientRoutes.literal(r);
        return replies.error(400, 30000, "server error", "health check is still working, service: "
                + ref.grouped() + ", cluster: " + r.paramOrBlank("clusterName", "DEFAULT"));
    }

    private Reply clients(Call call) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(core.instances.clientIds());
        ids.addAll(core.pusher.subscriberIds());
        JsonArrayBuilder a = core.json.arr();
        ids.forEach(a::add);
        return replies.ok(a.build());
    }

    private Reply client(Call call) {
        String id = call.req.param("clientId", "");
        Long last = core.instances.lastBeat(id);
        if (last == null) {
            return replies.notFound("clientId " + id + " not exist");
        }
        JsonObjectBuilder b = core.json.obj().add("clientId", id).add("ephemeral", id.endsWith("#true"))
                .add("lastUpdatedTime", last).add("clientType", "ipPort").addNull("connectType").addNull("appName")
                .addNull("version").addNull("clientIp").add("clientPort", 0);
        return replies.ok(b.build());
    }
}
