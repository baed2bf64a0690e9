package org.nacosgi.testkit.internal;

import java.util.List;
import java.util.Map;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The 2.x open API ({@code /v2/cs/config}, {@code /v2/ns/...}) with its {code,message,data} envelope. */
final class V2Routes {
    static final String NONE_SELECTOR = "{\"type\":\"none\",\"contextType\":\"NONE\"}";
    /** Jackson writes the selector with its type twice; JSON-P cannot, so the text is patched. */
    static final String NONE_SELECTOR_WIRE = "{\"type\":\"NoneSelector\",\"type\":\"none\",\"contextType\":\"NONE\"}";

    private final Core core;
    private final ServiceInfoJson infoJson;

    V2Routes(Core core) {
        this.core = core;
        this.infoJson = new ServiceInfoJson(core);
    }

    void register(Routes routes) {
        routes.add("GET", "/v2/cs/config", Routes.Guard.CLIENT, this::getConfig);
        routes.add("POST", "/v2/cs/config", Routes.Guard.CLIENT, this::publishConfig);
        routes.add("DELETE", "/v2/cs/config", Routes.Guard.CLIENT, this::deleteConfig);
        routes.add("GET", "/v2/cs/history/list", Routes.Guard.CLIENT, this::history);
        routes.add("POST", "/v2/ns/instance", Routes.Guard.CLIENT, this::register);
        routes.add("PUT", "/v2/ns/instance", Routes.Guard.CLIENT, this::update);
        routes.add("DELETE", "/v2/ns/instance", Routes.Guard.CLIENT, this::deregister);
        routes.add("GET", "/v2/ns/instance", Routes.Guard.CLIENT, this::detail);
        routes.add("GET", "/v2/ns/instance/list", Routes.Guard.CLIENT, this::list);
        routes.add("PUT", "/v2/ns/instance/beat", Routes.Guard.CLIENT, this::beat);
        routes.add("GET", "/v2/ns/service/list", Routes.Guard.CLIENT, this::serviceList);
        routes.add("GET", "/v2/ns/service", Routes.Guard.CLIENT, this::serviceDetail);
        routes.add("GET", "/v2/ns/operator/metrics", Routes.Guard.CLIENT, c -> ok(core.json.obj().add("status", "UP")
                .build()));
    }

    private Reply ok(JsonValue data) {
        return Reply.of(200, Dialect.JSON, core.dialect.envelope(0, "success", data));
    }

    private Reply ok(String data) {
        return Reply.of(200, Dialect.JSON, core.dialect.envelope(0, "success", data));
    }

    Reply error(int status, int code, String message, String data) {
        return Reply.of(status, Dialect.JSON, core.dialect.envelope(code, message, data));
    }

    /** GET-style missing parameter (Spring's MissingServletRequestParameterException text). */
    Reply missingRequestParam(String name) {
        return error(400, 10000, "parameter missing",
                "Required request parameter '" + name + "' for method parameter type String is not present");
    }

    /** Form-bound missing parameter (Nacos' own check). */
    Reply missingParam(String name) {
        return error(400, 10000, "parameter missing", "Required parameter '" + name + "' type String is not present");
    }

    private String tenant(Request r) {
        String ns = r.param("namespaceId");
        return ns != null ? ns : r.param("tenant", "");
    }

    private Reply getConfig(Call call) {
        Request r = call.req;
        String bad = ConfigRoutes.filterCheck(r, "dataId", "group", "namespaceId");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        for (String p : new String[] {"dataId", "group"}) {
            if (!r.has(p)) {
                return missingRequestParam(p);
            }
        }
        ConfigItem item = core.configs.visible(core.tenants.forRead(tenant(r)), r.param("group"), r.param("dataId"));
        if (item == null) {
            Reply nf = new Reply(404, (core.dialect.envelope(20004, "resource not found", "config data not exist")
                    + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return nf;
        }
        Reply found = ConfigRoutes.found(item);
        Reply out = Reply.of(200, null, core.dialect.envelope(0, "success", item.content));
        for (String[] h : found.headers) {
            if (!h[0].equals("Content-Type")) {
                out.header(h[0], h[1]);
            }
        }
        return out.header("Content-Type", Dialect.JSON_UTF8);
    }

    private Reply publishConfig(Call call) {
        Request r = call.req;
        String bad = ConfigRoutes.filterCheck(r, "dataId", "group", "namespaceId");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        for (String p : new String[] {"dataId", "group", "content"}) {
            if (!r.has(p) || r.param(p).isEmpty()) {
                return missingParam(p);
            }
        }
        if (r.param("content").isBlank()) {
            return error(400, 10000, "parameter missing", "Required parameter 'content' type String is not present");
        }
        String cas = r.header("casMd5");
        boolean ok = core.configs.publish(core.tenants.forWrite(tenant(r)), r.param("group"), r.param("dataId"),
                r.param("content"), r.param("type"), r.param("appName"), r.param("desc"), r.param("config_tags"),
                cas == null || cas.isEmpty() ? null : cas, r.remote.getAddress().getHostAddress(), false);
        if (!ok) {
            return error(500, 20005, "resource conflict", "Cas publish fail, server md5 may have changed.");
        }
        return ok(JsonValue.TRUE);
    }

    private Reply deleteConfig(Call call) {
        Request r = call.req;
        String bad = ConfigRoutes.filterCheck(r, "dataId", "group", "namespaceId");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        for (String p : new String[] {"dataId", "group"}) {
            if (!r.has(p)) {
                return missingRequestParam(p);
            }
        }
        core.configs.delete(core.tenants.forWrite(tenant(r)), r.param("group"), r.param("dataId"),
                r.remote.getAddress().getHostAddress(), false);
        return ok(JsonValue.TRUE);
    }

    private Reply history(Call call) {
        Request r = call.req;
        for (String p : new String[] {"dataId", "group"}) {
            if (!r.has(p)) {
                return missingRequestParam(p);
            }
        }
        List<ConfigStore.History> rows = core.configs.history(core.tenants.forWrite(tenant(r)), r.param("group"),
                r.param("dataId"));
        JsonArrayBuilder items = core.json.arr();
        for (ConfigStore.History h : rows) {
            String ext = core.json.obj().add("type", h.item.type).build().toString();
            JsonObjectBuilder b = core.json.obj().add("id", String.valueOf(h.id)).add("lastId", -1)
                    .add("dataId", h.item.dataId).add("group", h.item.group).add("tenant", h.item.tenant)
                    .add("appName", h.item.appName).addNull("md5").addNull("content");
            Json.str(b, "srcIp", h.item.srcIp);
            b.addNull("srcUser").add("opType", String.format("%-10s", h.opType)).add("publishType", "formal")
                    .add("grayName", "").add("extInfo", ext).add("createdTime", "2010-05-05T00:00:00.000+00:00")
                    .add("lastModifiedTime", java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(h.time),
                            java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern(
                                    "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")))
                    .addNull("encryptedDataKey");
            items.add(b);
        }
        JsonObject page = core.json.obj().add("totalCount", rows.size()).add("pageNumber", 1)
                .add("pagesAvailable", rows.isEmpty() ? 0 : 1).add("pageItems", items).build();
        return ok(page);
    }

    /** Common instance parameters; error reply in {@code p.error}. */
    private NamingRoutes.Parsed parse(Request r, boolean getStyle) {
        NamingRoutes.Parsed p = new NamingRoutes.Parsed();
        String bad = NamingChecks.check(r, core.json, "clusterName");
        if (bad != null) {
            p.error = core.dialect.filter400(bad, r);
            return p;
        }
        for (String name : new String[] {"serviceName", "ip", "port"}) {
            if (!r.has(name) || r.param(name).isEmpty()) {
                p.error = getStyle ? missingRequestParam(name) : missingParam(name);
                return p;
            }
        }
        p.ref = ServiceRef.of(r, r.param("serviceName"));
        p.ip = r.param("ip");
        p.port = Integer.parseInt(r.param("port").trim());
        return p;
    }

    private Reply register(Call call) {
        Request r = call.req;
        NamingRoutes.Parsed p = parse(r, false);
        if (p.error != null) {
            return p.error;
        }
        double weight;
        try {
            weight = Double.parseDouble(r.param("weight", "1"));
        } catch (NumberFormatException e) {
            return error(400, 10001, "parameter type error", e.getMessage());
        }
        Map<String, String> metadata;
        try {
            metadata = core.json.parseMetadata(r.param("metadata"));
        } catch (Json.BadMetadata e) {
            return core.dialect.springError(500, "ErrCode:400, ErrMsg:" + e.getMessage(), r).closing();
        }
        if (weight > 10000 || weight < 0) {
            return error(400, 21001, "weight error", "instance format invalid: The weights range from 0.0 to 10000.0");
        }
        InstanceStore.Registered res = core.instances.register(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port,
                r.paramOrBlank("clusterName", "DEFAULT"), weight,
                Boolean.parseBoolean(r.param("healthy", "true")),
                Boolean.parseBoolean(r.param("enabled", "true")), Boolean.parseBoolean(r.param("ephemeral", "true")),
                metadata, false);
        Reply conflict = NamingRoutes.conflict(res, p.ref);
        if (conflict != null) {
            return error(400, 30000, "server error", conflict.bodyText());
        }
        return ok("ok");
    }

    private Reply update(Call call) {
        Request r = call.req;
        NamingRoutes.Parsed p = parse(r, false);
        if (p.error != null) {
            return p.error;
        }
        double weight;
        try {
            weight = Double.parseDouble(r.param("weight", "1"));
        } catch (NumberFormatException e) {
            return error(400, 10001, "parameter type error", e.getMessage());
        }
        if (weight > 10000 || weight < 0) {
            return error(400, 21001, "weight error", "instance format invalid: The weights range from 0.0 to 10000.0");
        }
        Map<String, String> metadata = core.json.parseMetadata(r.param("metadata"));
        core.instances.update(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port, weight,
                Boolean.parseBoolean(r.param("enabled", "true")), metadata);
        return ok("ok");
    }

    private Reply deregister(Call call) {
        Request r = call.req;
        NamingRoutes.Parsed p = parse(r, false);
        if (p.error != null) {
            return p.error;
        }
        core.instances.deregister(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port,
                Boolean.parseBoolean(r.param("ephemeral", "true")));
        return ok("ok");
    }

    private Reply detail(Call call) {
        Request r = call.req;
        NamingRoutes.Parsed p = parse(r, true);
        if (p.error != null) {
            return p.error;
        }
        Host h = core.instances.host(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port);
        String cluster = r.paramOrBlank("clusterName", "DEFAULT");
        if (h == null || !h.cluster.equals(cluster)) {
            return error(404, 20004, "resource not found", "no matched ip found!");
        }
        JsonObjectBuilder b = core.json.obj().add("serviceName", p.ref.grouped()).add("ip", h.ip).add("port", h.port)
                .add("clusterName", h.cluster).add("weight", h.weight).add("healthy", h.healthy);
        Json.str(b, "instanceId", h.instanceId);
        b.add("metadata", core.json.metadataObject(h.metadata));
        return ok(b.build());
    }

    private Reply list(Call call) {
        Request r = call.req;
        String bad = NamingChecks.check(r, core.json, "clusterName");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        if (!r.has("serviceName")) {
            return missingRequestParam("serviceName");
        }
        ServiceRef ref = ServiceRef.of(r, r.param("serviceName"));
        String clusters = r.param("clusterName", "");
        List<Host> hosts = ServiceInfoJson.select(core.instances.listView(ref.namespace, ref.group, ref.name),
                clusters, Boolean.parseBoolean(r.param("healthyOnly", "false")));
        return ok(infoJson.serviceInfo(ref.group, ref.name, clusters, hosts,
                core.instances.lastRefTime(ref.namespace, ref.group, ref.name), true));
    }

    private Reply beat(Call call) {
        Request r = call.req;
        String serviceName = r.param("serviceName");
        if (serviceName == null || serviceName.isEmpty()) {
            return missingParam("serviceName");
        }
        if (!serviceName.contains("@@")) {
            return error(400, 20002, "parameter validate error",
                    "Param 'serviceName' is illegal, it should be format as 'groupName@@serviceName'");
        }
        ServiceRef ref = ServiceRef.of(r, serviceName);
        String ip = r.param("ip", "");
        int port;
        try {
            port = Integer.parseInt(r.param("port", "0").trim());
        } catch (NumberFormatException e) {
            port = 0;
        }
        int code = core.instances.lightBeat(ref.namespace, ref.group, ref.name, ip, port);
        String beatJson = r.param("beat");
        if (code == InstanceStore.BEAT_NOT_FOUND && beatJson != null && !beatJson.isEmpty()) {
            JsonObject beat = core.json.parse(beatJson).asJsonObject();
            core.instances.register(ref.namespace, ref.group, ref.name, beat.getString("ip", ip),
                    beat.containsKey("port") ? beat.getJsonNumber("port").intValue() : port,
                    beat.getString("cluster", r.paramOrBlank("clusterName", "DEFAULT")), 1.0, true, true, true,
                    new java.util.HashMap<>(), false);
            code = InstanceStore.BEAT_OK;
        }
        String body = core.json.obj().add("clientBeatInterval", 5000).add("code", code)
                .add("lightBeatEnabled", true).build().toString();
        return Reply.of(200, Dialect.JSON, body);
    }

    private Reply serviceList(Call call) {
        Request r = call.req;
        int pageNo = Integer.parseInt(r.param("pageNo", "1").trim());
        int pageSize = Integer.parseInt(r.param("pageSize", "20").trim());
        List<String> names = core.instances.serviceNames(r.param("namespaceId"),
                r.paramOrBlank("groupName", ServiceRef.DEFAULT_GROUP));
        JsonArrayBuilder a = core.json.arr();
        int from = Math.max(0, (pageNo - 1) * pageSize);
        for (int i = from; i < Math.min(names.size(), from + pageSize); i++) {
            a.add(names.get(i));
        }
        return ok(core.json.obj().add("count", names.size()).add("services", a).build());
    }

    private Reply serviceDetail(Call call) {
        Request r = call.req;
        if (!r.has("serviceName")) {
            return missingRequestParam("serviceName");
        }
        ServiceRef ref = ServiceRef.of(r, r.param("serviceName"));
        NamingService s = core.instances.find(ref.namespace, ref.group, ref.name);
        if (s == null) {
            return error(400, 21008, "service not exist", "service not found, namespace: " + ref.namespace
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
        String body = core.json.obj().add("namespace", s.namespace).add("serviceName", s.name)
                .add("groupName", s.group).add("clusterMap", clusters)
                .add("metadata", core.json.metadataObject(s.metadata)).add("protectThreshold", s.protectThreshold)
                .add("selector", core.json.parse(NONE_SELECTOR))
                .add("ephemeral", s.ephemeral == null || s.ephemeral).build().toString();
        return Reply.of(200, Dialect.JSON, core.dialect.envelope(0, "success", "__DATA__")
                .replace("\"__DATA__\"", body.replace(NONE_SELECTOR, NONE_SELECTOR_WIRE)));
    }
}
