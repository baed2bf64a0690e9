package org.nacosgi.testkit.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/** {@code /v3/admin/core/...}: state, probes, namespaces, this node; plus {@code /actuator}. */
final class V3AdminCoreRoutes {
    private static final Pattern NAMESPACE_ID = Pattern.compile("^[\\w-]+$");
    private static final String ACTUATOR = "application/vnd.spring-boot.actuator.v3+json";

    private final Core core;
    private final V3Replies replies;

    V3AdminCoreRoutes(Core core) {
        this.core = core;
        this.replies = new V3Replies(core);
    }

    void register(Routes routes) {
        routes.add("GET", "/v3/admin/core/state", Routes.Guard.OPEN, c -> replies.ok(ConsoleRoutes.serverState(core)));
        routes.add("GET", "/v3/admin/core/state/liveness", Routes.Guard.OPEN, c -> replies.ok("ok"));
        routes.add("GET", "/v3/admin/core/state/readiness", Routes.Guard.OPEN, c -> replies.ok("ok"));
        routes.add("GET", "/v3/admin/core/cluster/node/self", Routes.Guard.ADMIN, this::self);
        routes.add("GET", "/v3/admin/core/namespace/list", Routes.Guard.ADMIN, this::list);
        routes.add("GET", "/v3/admin/core/namespace", Routes.Guard.ADMIN, this::get);
        routes.add("POST", "/v3/admin/core/namespace", Routes.Guard.ADMIN, this::create);
        routes.add("PUT", "/v3/admin/core/namespace", Routes.Guard.ADMIN, this::update);
        routes.add("DELETE", "/v3/admin/core/namespace", Routes.Guard.ADMIN, this::delete);
        routes.add("GET", "/v3/admin/core/namespace/check", Routes.Guard.ADMIN,
                c -> replies.ok(core.json.obj().add("x", core.namespaces.get(c.req.param("namespaceId", "")) != null
                        ? 1 : 0).build().get("x")));
        routes.add("GET", "/actuator/health", Routes.Guard.OPEN, c -> Reply.of(200, ACTUATOR, "{\"status\":\"UP\"}"));
        routes.add("GET", "/actuator", Routes.Guard.OPEN, this::actuator);
    }

    private Reply actuator(Call call) {
        String base = "http://127.0.0.1:" + core.port + core.settings.contextPath + "/actuator";
        String body = core.json.obj().add("_links", core.json.obj()
                .add("self", core.json.obj().add("href", base).add("templated", false))
                .add("health", core.json.obj().add("href", base + "/health").add("templated", false))
                .add("health-path", core.json.obj().add("href", base + "/health/{*path}").add("templated", true)))
                .build().toString();
        return Reply.of(200, ACTUATOR, body);
    }

    private Reply self(Call call) {
        int port = core.port;
        String raft = "127.0.0.1:" + (port - 1000);
        jakarta.json.JsonObjectBuilder meta = core.json.obj();
        for (String g : new String[] {"lock_acquire_service_v2", "naming_instance_metadata",
            "naming_persistent_service", "naming_persistent_service_v2", "naming_service_metadata"}) {
            meta.add(g, core.json.obj().add("leader", raft).add("raftGroupMember", core.json.arr().add(raft))
                    .add("term", 1));
        }
        JsonObject data = core.json.obj().add("ip", "127.0.0.1").add("port", port).add("state", "UP")
                .add("extendInfo", core.json.obj().add("supportGrayModel", true)
                        .add("lastRefreshTime", System.currentTimeMillis())
                        .add("version", ConsoleRoutes.serverState(core).getString("version"))
                        .add("raftMetaData", core.json.obj().add("metaDataMap", meta))
                        .add("raftPort", String.valueOf(port - 1000)).add("readyToUpgrade", true))
                .add("address", "127.0.0.1:" + port)
                .add("abilities", core.json.obj()
                        .add("remoteAbility", core.json.obj().add("supportRemoteConnection", true)
                                .add("grpcReportEnabled", true))
                        .add("configAbility", core.json.obj().add("supportRemoteMetrics", false))
                        .add("namingAbility", core.json.obj().add("supportJraft", true)))
                .add("grpcReportEnabled", true).add("failAccessCnt", 0).build();
        return replies.ok(data);
    }

    private JsonObject namespace(String id, String name, String desc, int type) {
        long count = id.isEmpty() ? 0 : core.configs.countIn(id);
        return core.json.obj().add("namespace", Tenants.shown(id)).add("namespaceShowName", name)
                .add("namespaceDesc", desc == null ? "" : desc).add("quota", 200).add("configCount", count)
                .add("type", type).build();
    }

    private Reply list(Call call) {
        JsonArrayBuilder a = core.json.arr().add(namespace("", "public", "Default Namespace", 0));
        for (Namespaces.Namespace n : core.namespaces.list()) {
            a.add(namespace(n.id, n.name, n.desc, 1));
        }
        return replies.ok(a.build());
    }

    private Reply get(Call call) {
        String id = call.req.param("namespaceId", "");
        if (id.isEmpty() || "public".equals(id)) {
            return replies.ok(namespace("", "public", "Default Namespace", 0));
        }
        Namespaces.Namespace n = core.namespaces.get(id);
        if (n == null) {
            return replies.error(404, 22001, "namespace not exist", "namespaceId [ " + id + " ] not exist");
        }
        return replies.ok(namespace(n.id, n.name, n.desc, 1));
    }

    private Reply create(Call call) {
        Request r = call.req;
        String id = r.param("namespaceId");
        if (id == null || id.isBlank()) {
            return replies.error(400, 10000, "parameter missing", "required parameter 'namespaceId' is missing");
        }
        if (!NAMESPACE_ID.matcher(id).matches() || id.length() > 128) {
            return replies.error(400, 22000, "illegal namespace", "namespaceId [" + id + "] mismatch the pattern");
        }
        if (!r.has("namespaceName")) {
            return replies.error(400, 10000, "parameter missing", "required parameter 'namespaceName' is missing");
        }
        if (!core.namespaces.create(id, r.param("namespaceName"), r.param("namespaceDesc"))) {
            return replies.error(400, 22002, "namespace already exist", "namespaceId [" + id + "] already exist.");
        }
        return replies.ok(jakarta.json.JsonValue.TRUE);
    }

    private Reply update(Call call) {
        Request r = call.req;
        core.namespaces.update(r.param("namespaceId", ""), r.param("namespaceName"), r.param("namespaceDesc"));
        return replies.ok(jakarta.json.JsonValue.TRUE);
    }

    private Reply delete(Call call) {
        core.namespaces.delete(call.req.param("namespaceId", ""));
        return replies.ok(jakarta.json.JsonValue.TRUE);
    }
}
