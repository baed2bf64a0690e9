package org.nacosgi.testkit.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** v1 naming: instance register / deregister / modify / detail / list / beat, services, metrics. */
final class NamingRoutes {
    static final String SWITCHES = "{\"masters\":null,\"adWeightMap\":{},\"defaultPushCacheMillis\":10000,"
            + "\"clientBeatInterval\":5000,\"defaultCacheMillis\":3000,\"distroThreshold\":0.7,"
            + "\"healthCheckEnabled\":true,\"autoChangeHealthCheckEnabled\":true,\"distroEnabled\":true,"
            + "\"enableStandalone\":true,\"pushEnabled\":true,\"checkTimes\":3,"
            + "\"httpHealthParams\":{\"max\":5000,\"min\":500,\"factor\":0.85},"
            + "\"tcpHealthParams\":{\"max\":5000,\"min\":1000,\"factor\":0.75},"
            + "\"mysqlHealthParams\":{\"max\":3000,\"min\":2000,\"factor\":0.65},\"incrementalList\":[],"
            + "\"serverStatusSynchronizationPeriodMillis\":2000,\"serviceStatusSynchronizationPeriodMillis\":5000,"
            + "\"disableAddIP\":false,\"sendBeatOnly\":false,\"lightBeatEnabled\":true,\"limitedUrlMap\":{},"
            + "\"distroServerExpiredMillis\":10000,\"pushGoVersion\":\"0.1.0\",\"pushJavaVersion\":\"0.1.0\","
            + "\"pushPythonVersion\":\"0.4.3\",\"pushCVersion\":\"1.0.12\",\"pushCSharpVersion\":\"0.9.0\","
            + "\"enableAuthentication\":false,\"overriddenServerStatus\":null,\"defaultInstanceEphemeral\":true,"
            + "\"healthCheckWhiteList\":[],\"name\":\"00-00---000-NACOS_SWITCH_DOMAIN-000---00-00\",\"checksum\":null}";
    static final String CHECKERS = "{\"TCP\":{},\"HTTP\":{\"path\":\"\",\"headers\":\"\",\"expectedResponseCode\":200},"
            + "\"MYSQL\":{\"user\":null,\"pwd\":null,\"cmd\":null},\"NONE\":{}}";

    private final Core core;
    private final ServiceInfoJson infoJson;

    NamingRoutes(Core core) {
        this.core = core;
        this.infoJson = new ServiceInfoJson(core);
    }

    void register(Routes routes) {
        routes.add("POST", "/v1/ns/instance", Routes.Guard.CLIENT, this::registerInstance);
        routes.add("DELETE", "/v1/ns/instance", Routes.Guard.CLIENT, this::deregister);
        routes.add("PUT", "/v1/ns/instance", Routes.Guard.CLIENT, this::update);
        routes.add("PATCH", "/v1/ns/instance", Routes.Guard.CLIENT, this::patch);
        routes.add("GET", "/v1/ns/instance", Routes.Guard.CLIENT, this::detail);
        routes.add("GET", "/v1/ns/instance/list", Routes.Guard.CLIENT, this::list);
        routes.add("PUT", "/v1/ns/instance/beat", Routes.Guard.CLIENT, this::beat);
        routes.add("GET", "/v1/ns/service/list", Routes.Guard.CLIENT, this::serviceList);
        routes.add("GET", "/v1/ns/service", Routes.Guard.CLIENT, this::serviceDetail);
        routes.add("GET", "/v1/ns/operator/metrics", Routes.Guard.OPEN,
                c -> Reply.of(200, Dialect.JSON, "{\"status\":\"UP\"}"));
        routes.add("GET", "/v1/ns/operator/switches", Routes.Guard.CLIENT, c -> Reply.of(200, Dialect.JSON, SWITCHES));
        routes.add("GET", "/v1/ns/health/checkers", Routes.Guard.CLIENT, c -> Reply.of(200, Dialect.JSON, CHECKERS));
    }

    static Reply required(String name) {
        return Reply.of(400, Dialect.TEXT, "Param '" + name + "' is required.").closing();
    }

    /** Parsed common instance parameters, or the error reply. */
    static final class Parsed {
        ServiceRef ref;
        String ip;
        int port;
        Reply error;
        double weight;
        Map<String, String> metadata;
        boolean enabled;
    }

    /** Weight, metadata and enabled, as register and update read them; the error reply, or null. */
    private Reply readAttributes(Request r, Parsed p) {
        try {
            p.weight = Double.parseDouble(r.param("weight", "1"));
        } catch (NumberFormatException e) {
            return Reply.of(400, Dialect.TEXT, e.getMessage()).closing();
        }
        try {
            p.metadata = core.json.parseMetadata(r.param("metadata"));
        } catch (Json.BadMetadata e) {
            return core.dialect.springError(500, "Server failed, caused: ErrCode:400, ErrMsg:" + e.getMessage()
                    + ";caused: " + e.getMessage() + ";", r).closing();
        }
        if (p.weight > 10000 || p.weight < 0) {
            return Reply.of(400, Dialect.TEXT, "instance format invalid: The weights range from 0.0 to 10000.0")
                    .closing();
        }
        p.enabled = Boolean.parseBoolean(r.param("enabled", r.param("enable", "true")));
        return null;
    }

    private Parsed parseInstance(Request r, String clusterParam) {
        Parsed p = new Parsed();
        String bad = NamingChecks.check(r, core.json, clusterParam);
        if (bad != null) {
            p.error = core.dialect.filter400(bad, r);
            return p;
        }
        String serviceName = r.param("serviceName");
        if (serviceName == null || serviceName.isEmpty()) {
            p.error = required("serviceName");
            return p;
        }
        p.ref = ServiceRef.of(r, serviceName);
        if (!r.has("ip") || r.param("ip").isEmpty()) {
            p.error = required("ip");
            return p;
        }
        if (!r.has("port") || r.param("port").isEmpty()) {
            p.error = required("port");
            return p;
        }
        p.ip = r.param("ip");
        p.port = Integer.parseInt(r.param("port").trim());
        return p;
    }

    private Reply registerInstance(Call call) {
        Request r = call.req;
        Parsed p = parseInstance(r, "clusterName");
        if (p.error != null) {
            return p.error;
        }
        Reply badAttributes = readAttributes(r, p);
        if (badAttributes != null) {
            return badAttributes;
        }
        boolean healthy = Boolean.parseBoolean(r.param("healthy", "true"));
        boolean ephemeral = Boolean.parseBoolean(r.param("ephemeral", "true"));
        String cluster = r.paramOrBlank("clusterName", "DEFAULT");
        InstanceStore.Registered result = core.instances.register(p.ref.namespace, p.ref.group, p.ref.name, p.ip,
                p.port, cluster, p.weight, healthy, p.enabled, ephemeral, p.metadata, true);
        Reply conflict = conflict(result, p.ref);
        return conflict != null ? conflict : Reply.of(200, Dialect.TEXT, "ok");
    }

    static Reply conflict(InstanceStore.Registered result, ServiceRef ref) {
        if (result == InstanceStore.Registered.SERVICE_IS_PERSISTENT) {
            return Reply.of(400, Dialect.TEXT, "errCode: 400, errMsg: Current service " + ref.grouped()
                    + " is persistent service, can't register ephemeral instance. ").closing();
        }
        if (result == InstanceStore.Registered.SERVICE_IS_EPHEMERAL) {
            return Reply.of(400, Dialect.TEXT, "errCode: 400, errMsg: Current service " + ref.grouped()
                    + " is ephemeral service, can't register persistent instance. ").closing();
        }
        return null;
    }

    private Reply deregister(Call call) {
        Request r = call.req;
        Parsed p = parseInstance(r, "clusterName");
        if (p.error != null) {
            return p.error;
        }
        boolean ephemeral = Boolean.parseBoolean(r.param("ephemeral", "true"));
        core.instances.deregister(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port, ephemeral);
        return Reply.of(200, Dialect.TEXT, "ok");
    }

    private Reply update(Call call) {
        Request r = call.req;
        Parsed p = parseInstance(r, "clusterName");
        if (p.error != null) {
            return p.error;
        }
        Reply badAttributes = readAttributes(r, p);
        if (badAttributes != null) {
            return badAttributes;
        }
        core.instances.update(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port, p.weight, p.enabled,
                p.metadata);
        return Reply.of(200, Dialect.TEXT, "ok");
    }

    private Reply patch(Call call) {
        Request r = call.req;
        Parsed p = parseInstance(r, "clusterName");
        if (p.error != null) {
            return p.error;
        }
        Double weight = null;
        if (r.has("weight")) {
            try {
                weight = Double.parseDouble(r.param("weight"));
            } catch (NumberFormatException e) {
                return Reply.of(400, Dialect.TEXT, e.getMessage()).closing();
            }
        }
        Boolean enabled = r.has("enabled") ? Boolean.valueOf(r.param("enabled")) : null;
        Map<String, String> metadata = r.has("metadata") ? core.json.parseMetadata(r.param("metadata")) : null;
        boolean found = core.instances.patch(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port, weight,
                enabled, metadata);
        return found ? Reply.of(200, Dialect.TEXT, "ok") : Reply.of(404, Dialect.TEXT, "no matched ip found!");
    }

    private Reply detail(Call call) {
        Request r = call.req;
        Parsed p = parseInstance(r, "clusterName");
        if (p.error != null) {
            return p.error;
        }
        String cluster = r.paramOrBlank("clusterName", "DEFAULT");
        if (core.instances.find(p.ref.namespace, p.ref.group, p.ref.name) == null) {
            return Reply.of(404, Dialect.TEXT, "no ips found for cluster " + cluster + " in service " + p.ref.grouped());
        }
        Host h = core.instances.host(p.ref.namespace, p.ref.group, p.ref.name, p.ip, p.port);
        if (h == null || !h.cluster.equals(cluster)) {
            return Reply.of(404, Dialect.TEXT, "no matched ip found!");
        }
        JsonObject body = core.json.obj().add("service", p.ref.grouped()).add("ip", h.ip).add("port", h.port)
                .add("clusterName", h.cluster).add("weight", h.weight).add("healthy", h.healthy)
                .add("instanceId", h.ip + "#" + h.port + "#" + h.cluster + "#" + p.ref.grouped())
                .add("metadata", core.json.metadataObject(h.metadata)).build();
        return Reply.of(200, Dialect.JSON, body.toString());
    }

    private Reply list(Call call) {
        Request r = call.req;
        String bad = NamingChecks.check(r, core.json, "clusters");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        String serviceName = r.param("serviceName");
        if (serviceName == null || serviceName.isEmpty()) {
            return required("serviceName");
        }
        ServiceRef ref = ServiceRef.of(r, serviceName);
        String clusters = r.param("clusters", "");
        boolean healthyOnly = Boolean.parseBoolean(r.param("healthyOnly", "false"));
        subscribeIfAsked(r, ref, clusters);
        List<Host> hosts = ServiceInfoJson.select(core.instances.listView(ref.namespace, ref.group, ref.name),
                clusters, healthyOnly);
        JsonObject info = infoJson.serviceInfo(ref.group, ref.name, clusters, hosts,
                core.instances.lastRefTime(ref.namespace, ref.group, ref.name), true);
        return Reply.of(200, Dialect.JSON, info.toString());
    }

    private void subscribeIfAsked(Request r, ServiceRef ref, String clusters) {
        int udpPort;
        try {
            udpPort = Integer.parseInt(r.param("udpPort", "0").trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (udpPort <= 0 || udpPort > 65535 || !UdpPusher.pushable(r.header("User-Agent"), r.header("Client-Version"))) {
            return;
        }
        String clientIp = r.paramOrBlank("clientIP", r.remote.getAddress().getHostAddress());
        core.pusher.subscribe(ref.namespace, ref.group, ref.name, clusters, new InetSocketAddress(clientIp, udpPort));
    }

    private Reply beat(Call call) {
        Request r = call.req;
        String bad = NamingChecks.check(r, core.json, "clusterName");
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        String serviceName = r.param("serviceName");
        if (serviceName == null || serviceName.isEmpty()) {
            return required("serviceName");
        }
        ServiceRef ref = ServiceRef.of(r, serviceName);
        String beatJson = r.param("beat");
        JsonObject beat = null;
        if (beatJson != null && !beatJson.isEmpty()) {
            try {
                JsonValue v = core.json.parse(beatJson);
                beat = v.asJsonObject();
            } catch (RuntimeException e) {
                return core.dialect.springError(500, NamingChecks.jacksonMessage(beatJson, core.dialect.v3()), r)
                        .closing();
            }
        }
        String ip = beat != null && beat.containsKey("ip") ? beat.getString("ip", "") : r.param("ip", "");
        int port;
        try {
            port = beat != null && beat.containsKey("port") ? beat.getJsonNumber("port").intValue()
                    : Integer.parseInt(r.param("port", "0").trim());
        } catch (RuntimeException e) {
            port = 0;
        }
        int code = core.instances.lightBeat(ref.namespace, ref.group, ref.name, ip, port);
        if (code == InstanceStore.BEAT_NOT_FOUND && beat != null) {
            String cluster = beat.getString("cluster", r.paramOrBlank("clusterName", "DEFAULT"));
            double weight = beat.containsKey("weight") && beat.get("weight").getValueType() == JsonValue.ValueType.NUMBER
                    ? beat.getJsonNumber("weight").doubleValue() : 1.0;
            Map<String, String> meta = beat.containsKey("metadata")
                    && beat.get("metadata").getValueType() == JsonValue.ValueType.OBJECT
                    ? core.json.parseMetadata(beat.getJsonObject("metadata").toString()) : new java.util.HashMap<>();
            InstanceStore.Registered res = core.instances.register(ref.namespace, ref.group, ref.name, ip, port,
                    cluster, weight, true, true, true, meta, true);
            Reply conflict = conflict(res, ref);
            if (conflict != null) {
                return conflict;
            }
            code = InstanceStore.BEAT_OK;
        }
        // the next beat is due at the instance's own interval (metadata preserved.heart.beat.interval), as on 2.x
        Host h = core.instances.host(ref.namespace, ref.group, ref.name, ip, port);
        long interval = h == null ? 5000 : h.metaMillis("preserved.heart.beat.interval", 5000);
        String body = core.json.obj().add("clientBeatInterval", interval).add("code", code)
                .add("lightBeatEnabled", true).build().toString();
        return Reply.of(200, Dialect.JSON, body);
    }

    private Reply serviceList(Call call) {
        Request r = call.req;
        if (!r.has("pageNo")) {
            return required("pageNo");
        }
        if (!r.has("pageSize")) {
            return required("pageSize");
        }
        int pageNo;
        int pageSize;
        try {
            pageNo = Integer.parseInt(r.param("pageNo").trim());
            pageSize = Integer.parseInt(r.param("pageSize").trim());
        } catch (NumberFormatException e) {
            return Reply.of(400, Dialect.TEXT, e.getMessage()).closing();
        }
        List<String> names = core.instances.serviceNames(r.param("namespaceId"),
                r.paramOrBlank("groupName", ServiceRef.DEFAULT_GROUP));
        JsonArrayBuilder doms = core.json.arr();
        int from = Math.max(0, (pageNo - 1) * pageSize);
        for (int i = from; i < Math.min(names.size(), from + pageSize); i++) {
            doms.add(names.get(i));
        }
        String body = core.json.obj().add("count", names.size()).add("doms", doms).build().toString();
        return Reply.of(200, Dialect.JSON, body);
    }

    private Reply serviceDetail(Call call) {
        Request r = call.req;
        String serviceName = r.param("serviceName");
        if (serviceName == null || serviceName.isEmpty()) {
            return required("serviceName");
        }
        ServiceRef ref = ServiceRef.of(r, serviceName);
        NamingService s = core.instances.find(ref.namespace, ref.group, ref.name);
        if (s == null) {
            return core.dialect.caused(400, "service " + ref.grouped() + " is not found!", r);
        }
        JsonArrayBuilder clusters = core.json.arr();
        synchronized (core.instances) {
            for (String c : s.clusters) {
                clusters.add(core.json.obj().add("name", c).add("healthChecker", core.json.obj().add("type", "TCP"))
                        .add("metadata", core.json.obj()));
            }
        }
        JsonObject body = core.json.obj().add("namespaceId", s.namespace).add("groupName", s.group)
                .add("name", s.name).add("protectThreshold", s.protectThreshold)
                .add("metadata", core.json.metadataObject(s.metadata))
                .add("selector", core.json.obj().add("type", "none").add("contextType", "NONE"))
                .add("clusters", clusters).build();
        return Reply.of(200, Dialect.JSON, body.toString());
    }
}
