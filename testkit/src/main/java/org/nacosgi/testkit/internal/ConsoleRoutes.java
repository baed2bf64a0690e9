package org.nacosgi.testkit.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.nacosgi.testkit.Generation;

/** v1 console endpoints a client may touch: namespaces, health, server state. */
final class ConsoleRoutes {
    private final Core core;

    ConsoleRoutes(Core core) {
        this.core = core;
    }

    void register(Routes routes) {
        routes.add("GET", "/v1/console/namespaces", Routes.Guard.OPEN, this::namespaces);
        routes.add("POST", "/v1/console/namespaces", Routes.Guard.CLIENT, this::createNamespace);
        routes.add("PUT", "/v1/console/namespaces", Routes.Guard.CLIENT, this::updateNamespace);
        routes.add("DELETE", "/v1/console/namespaces", Routes.Guard.CLIENT, this::deleteNamespace);
        routes.add("GET", "/v1/console/health/liveness", Routes.Guard.OPEN, c -> Reply.of(200, Dialect.TEXT, "OK"));
        routes.add("GET", "/v1/console/health/readiness", Routes.Guard.OPEN, c -> Reply.of(200, Dialect.TEXT, "OK"));
        routes.add("GET", "/v1/console/server/state", Routes.Guard.OPEN,
                c -> Reply.of(200, Dialect.JSON, serverState(core).toString()));
    }

    /** The server state map ({@code /v1/console/server/state}, {@code /v3/admin/core/state}). */
    static JsonObject serverState(Core core) {
        Generation g = core.settings.generation;
        String version = g == Generation.V1 ? "1.4.8" : g == Generation.V2 ? "2.5.1" : g == Generation.V3_0 ? "3.0.3"
                : "3.2.0";
        JsonObjectBuilder b = core.json.obj().add("defaultMaxSize", "102400").add("auth_system_type", "nacos")
                .add("auth_enabled", String.valueOf(core.settings.authEnabled || core.settings.v3()))
                .add("defaultMaxAggrSize", "1024").add("maxHealthCheckFailCount", "12").add("maxContent", "10485760")
                .add("console_ui_enabled", "true").add("defaultMaxAggrCount", "10000")
                .add("defaultGroupQuota", "200").add("config_retention_days", "30")
                .add("auth_admin_request",
                        String.valueOf((core.settings.authEnabled || core.settings.v3()) && !core.auth.hasAdmin()))
                .add("startup_mode", "standalone").add("version", version).add("isHealthCheck", "true")
                .addNull("function_mode").add("isManageCapacity", "true").add("isCapacityLimitCheck", "false")
                .add("datasource_platform", "").add("server_port", String.valueOf(core.port))
                .add("notifyConnectTimeout", "100").add("notifySocketTimeout", "200")
                .add("defaultClusterQuota", "100000").add("plugin_datasource_log_enabled", "false")
                .add("login_page_enabled", String.valueOf(core.settings.authEnabled || core.settings.v3()));
        return b.build();
    }

    private JsonObject namespaceJson(String id, String name, String desc, int type) {
        return core.json.obj().add("namespace", id).add("namespaceShowName", name)
                .add("namespaceDesc", desc == null ? "" : desc).add("quota", 200)
                .add("configCount", core.configs.countIn(id)).add("type", type).build();
    }

    private Reply namespaces(Call call) {
        Request r = call.req;
        if (r.has("show") || r.has("namespaceId")) {
            String id = r.param("namespaceId", "");
            if (id.isEmpty() || "public".equals(id)) {
                return Reply.of(200, Dialect.JSON, namespaceJson("", "public", "Default Namespace", 0).toString());
            }
            Namespaces.Namespace n = core.namespaces.get(id);
            if (n == null) {
                return core.dialect.caused(500, "namespace " + id + " not exist", r);
            }
            return Reply.of(200, Dialect.JSON, namespaceJson(n.id, n.name, n.desc, 2).toString());
        }
        JsonArrayBuilder a = core.json.arr().add(namespaceJson("", "public", "Default Namespace", 0));
        for (Namespaces.Namespace n : core.namespaces.list()) {
            a.add(namespaceJson(n.id, n.name, n.desc, 2));
        }
        JsonObject body = core.json.obj().add("code", 200).addNull("message").add("data", a).build();
        return Reply.of(200, Dialect.JSON, body.toString());
    }

    private Reply createNamespace(Call call) {
        Request r = call.req;
        String id = r.param("customNamespaceId", "");
        String bad = ParamRules.namespace(id);
        if (bad != null) {
            return core.dialect.filter400(bad, r);
        }
        if (!r.has("namespaceName")) {
            return core.dialect.missingParam("namespaceName", r);
        }
        if (id.isBlank()) {
            id = java.util.UUID.randomUUID().toString();
        }
        boolean ok = core.namespaces.create(id, r.param("namespaceName"), r.param("namespaceDesc"));
        return Reply.of(200, Dialect.JSON, String.valueOf(ok));
    }

    private Reply updateNamespace(Call call) {
        Request r = call.req;
        boolean ok = core.namespaces.update(r.param("namespace", ""), r.param("namespaceShowName"),
                r.param("namespaceDesc"));
        return Reply.of(200, Dialect.JSON, String.valueOf(ok));
    }

    private Reply deleteNamespace(Call call) {
        core.namespaces.delete(call.req.param("namespaceId", ""));
        return Reply.of(200, Dialect.JSON, "true");
    }
}
