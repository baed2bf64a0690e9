package org.nacosgi.testkit.internal;

import org.nacosgi.testkit.Generation;

/**
 * The 3.x API-compatibility filter: deprecated v1/v2 calls answer 410 before any other check; 3.2 drops v1/v2 and
 * 1.x has no v2.
 */
final class CompatGate {
    private static final String ADMIN = "admin";
    private static final String CONSOLE = "console";
    private static final String CTX = "${contextPath:nacos}";

    private final Core core;

    CompatGate(Core core) {
        this.core = core;
    }

    /** A reply that ends the request here, or null to go on. */
    Reply check(Request r) {
        String p = r.path;
        boolean legacy = p.startsWith("/v1/") || p.startsWith("/v2/");
        Generation g = core.settings.generation;
        if (g == Generation.V1 && p.startsWith("/v2/")) {
            return core.dialect.springError(404, "No message available", r);
        }
        if (g == Generation.V3_2 && legacy) {
            return core.dialect.springError(404, "No endpoint " + r.method + " " + r.fullPath + ".", r);
        }
        if (g != Generation.V3_0 || !legacy) {
            return null;
        }
        String[] rule = rule(r.method, p, r);
        if (rule == null) {
            return null;
        }
        String message = rule[1] == null
                ? "Current API will be deprecated, If wanted continue to use, please set `nacos.core.api.compatibility."
                        + rule[0] + ".enabled=true` in application.properties."
                : "Current API will be deprecated, please use API(s) `" + rule[1]
                        + "` instead, or set `nacos.core.api.compatibility." + rule[0]
                        + ".enabled=true` in application.properties.";
        String inner = core.json.obj().add("code", 40000).add("message", message).build().toString();
        return core.dialect.springError(410, inner, r);
    }

    /** {switch, replacement or null} for a deprecated call, or null when the call is still served. */
    private static String[] rule(String m, String p, Request r) {
        switch (p) {
            case "/v1/cs/configs":
                return "GET".equals(m) && "all".equals(r.param("show"))
                        ? repl(CONSOLE, "GET", "/v3/console/cs/config") : null;
            case "/v1/cs/configs/listener":
                return "GET".equals(m) ? repl(CONSOLE, "GET", "/v3/console/cs/config/listener") : null;
            case "/v1/cs/health":
                return new String[] {ADMIN, null};
            case "/v1/ns/instance":
                if ("GET".equals(m) || "PUT".equals(m)) {
                    return repl(ADMIN, m, "/v3/admin/ns/instance");
                }
                return "PATCH".equals(m) ? repl(ADMIN, "PUT", "/v3/admin/ns/instance/partial") : null;
            case "/v1/ns/service":
                return repl(ADMIN, m, "/v3/admin/ns/service");
            case "/v1/ns/operator/switches":
                return repl(ADMIN, m, "/v3/admin/ns/ops/switches");
            case "/v1/ns/health/checkers":
                return repl(ADMIN, m, "/v3/admin/health/checkers");
            case "/v1/console/namespaces":
                if ("GET".equals(m)) {
                    return r.has("show") || r.has("namespaceId")
                            ? repl(CONSOLE, "GET", "/v3/console/core/namespace")
                            : repl(CONSOLE, "GET", "/v3/console/core/namespace/list");
                }
                return repl(CONSOLE, m, "/v3/console/core/namespace");
            case "/v1/console/health/liveness":
            case "/v1/console/health/readiness":
            case "/v2/console/health/liveness":
            case "/v2/console/health/readiness":
                return repl(CONSOLE, "GET", "/v3/console/health/" + p.substring(p.lastIndexOf('/') + 1));
            case "/v1/console/server/state":
                return repl(CONSOLE, "GET", "/v3/console/server/state");
            case "/v1/auth/users":
                return "GET".equals(m) ? repl(CONSOLE, "GET", "/v3/auth/user/list") : repl(CONSOLE, m, "/v3/auth/user");
            case "/v1/auth/users/admin":
                return repl(CONSOLE, "POST", "/v3/auth/user/admin");
            case "/v2/cs/config":
                return repl(ADMIN, m, "/v3/admin/cs/config");
            case "/v2/cs/history/list":
                return repl(ADMIN, "GET", "/v3/admin/cs/history/list");
            case "/v2/ns/instance":
                return repl(ADMIN, m, "/v3/admin/ns/instance");
            case "/v2/ns/instance/list":
                return repl(ADMIN, "GET", "/v3/admin/ns/instance/list");
            case "/v2/ns/instance/beat":
                return new String[] {ADMIN, null};
            case "/v2/ns/service":
                return repl(ADMIN, m, "/v3/admin/ns/service");
            case "/v2/ns/service/list":
                return repl(ADMIN, "GET", "/v3/admin/ns/service/list");
            case "/v2/ns/operator/metrics":
                return repl(ADMIN, "GET", "/v3/admin/ns/ops/metrics");
            default:
                return null;
        }
    }

    private static String[] repl(String sw, String method, String path) {
        return new String[] {sw, method + " " + CTX + path};
    }
}
