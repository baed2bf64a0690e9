package org.nacosgi.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.nacosgi.testkit.Generation;

/** Finds the route for a request after the generation gate, the auth check and Tomcat's own limits. */
final class Router {
    /** Tomcat's maxHttpHeaderSize: request line plus headers. */
    private static final int MAX_HEADER_BYTES = 8192;

    private final Core core;
    private final Routes routes = new Routes();
    private final CompatGate gate;

    Router(Core core) {
        this.core = core;
        this.gate = new CompatGate(core);
        Generation g = core.settings.generation;
        if (g != Generation.V3_2) {
            new ConfigRoutes(core).register(routes);
            new ListenerRoutes(core).register(routes);
            new NamingRoutes(core).register(routes);
            new ConsoleRoutes(core).register(routes);
            new AuthRoutes(core).register(routes);
        }
        if (g == Generation.V2) {
            new V2Routes(core).register(routes);
        }
        if (g == Generation.V3_0 || g == Generation.V3_2) {
            new V3ClientRoutes(core).register(routes);
            new V3AdminRoutes(core).register(routes);
            new V3AuthRoutes(core).register(routes);
        }
    }

    Reply route(Call call) throws Exception {
        Request r = call.req;
        if (headerBytes(r) > MAX_HEADER_BYTES) {
            return tomcatPage(400, "Bad Request").closing();
        }
        if (r.path == null) {
            return tomcatPage(404, "Not Found");
        }
        Dialect d = core.dialect;
        if ("OPTIONS".equals(r.method) && r.header("Origin") != null) {
            return cors(r);
        }
        Reply gated = gate.check(r);
        if (gated != null) {
            return d.finish(gated);
        }
        String path = r.path;
        if (!d.v3() && path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || "/".equals(path)) {
            return d.finish(root());
        }
        Routes.Route route = routes.find(r.method, path);
        if (route == null) {
            return d.finish(routes.knows(path) ? wrongMethod(r) : notFound(r));
        }
        Reply denied = guard(route.guard, r);
        if (denied != null) {
            return d.finish(denied);
        }
        Reply reply = route.handler.handle(call);
        return reply == Reply.DEFERRED ? reply : d.finish(reply);
    }

    private Reply guard(Routes.Guard guard, Request r) {
        boolean need = guard == Routes.Guard.ADMIN || (guard == Routes.Guard.CLIENT && core.auth.enabled());
        if (!need) {
            return null;
        }
        Object who = core.auth.authenticate(r);
        if (who instanceof Auth.Refusal) {
            return core.dialect.springError(403, core.auth.message((Auth.Refusal) who), r);
        }
        Auth.User u = (Auth.User) who;
        if (!u.admin && u.role == null && core.settings.v3()) {
            return core.dialect.springError(403, core.auth.message(Auth.Refusal.NO_PERMISSION), r);
        }
        return null;
    }

    private Reply notFound(Request r) {
        if (core.dialect.v3()) {
            return core.dialect.springError(404, "No endpoint " + r.method + " " + r.fullPath + ".", r);
        }
        return core.dialect.springError(404, "No message available", r);
    }

    private Reply wrongMethod(Request r) {
        Dialect d = core.dialect;
        if (r.path.startsWith("/v1/ns/") || r.path.startsWith("/v2/ns/")) {
            return d.springError(501, "no such api:" + r.method + ":" + r.fullPath, r).closing();
        }
        if (d.v3()) {
            return d.springError(405, "Method '" + r.method + "' is not supported.", r);
        }
        return d.caused(500, "Request method &#39;" + r.method + "&#39; not supported", r).closing();
    }

    private Reply root() {
        if (core.settings.v3()) {
            int console = core.port > 768 ? core.port - 768 : 8080;
            return Reply.of(200, Dialect.TEXT, "Nacos Console default port is " + console + ", and the path is /.");
        }
        return Reply.of(200, "text/html;charset=UTF-8",
                "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Nacos</title></head><body>nacosgi testkit</body></html>\n");
    }

    private Reply cors(Request r) {
        if (core.dialect.v3()) {
            Reply x = Reply.of(403, Dialect.JSON_UTF8, "Invalid CORS request");
            x.prepend("Vary", "Origin", "Vary", "Access-Control-Request-Method", "Vary",
                    "Access-Control-Request-Headers");
            return core.dialect.finish(x);
        }
        Reply x = Reply.of(200, null, "");
        x.header("Vary", "Origin").header("Vary", "Access-Control-Request-Method")
                .header("Vary", "Access-Control-Request-Headers")
                .header("Access-Control-Allow-Origin", r.header("Origin"))
                .header("Access-Control-Allow-Methods", String.valueOf(r.header("Access-Control-Request-Method")))
                .header("Access-Control-Allow-Credentials", "true").header("Access-Control-Max-Age", "18000")
                .header("Content-Type", Dialect.JSON_UTF8);
        return x;
    }

    /** Tomcat's own HTML error page (outside the context path, oversized request line). */
    static Reply tomcatPage(int status, String reason) {
        String title = "HTTP Status " + status + " \u2013 " + reason;
        String body = "<!doctype html><html lang=\"en\"><head><title>" + title
                + "</title><style type=\"text/css\">body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b "
                + "{color:white;background-color:#525D76;} h1 {font-size:22px;} h2 {font-size:16px;} h3 "
                + "{font-size:14px;} p {font-size:12px;} a {color:black;} .line {height:1px;background-color:#525D76;"
                + "border:none;}</style></head><body><h1>" + title + "</h1></body></html>";
        Reply r = new Reply(status, body.getBytes(StandardCharsets.UTF_8));
        r.header("Content-Type", "text/html;charset=utf-8").header("Content-Language", "en");
        return r.bare();
    }

    private static int headerBytes(Request r) {
        int n = r.method.length() + r.fullPath.length() + (r.rawQuery == null ? 0 : r.rawQuery.length() + 1) + 11;
        for (Map.Entry<String, List<String>> e : r.headers.entrySet()) {
            for (String v : e.getValue()) {
                n += e.getKey().length() + v.length() + 4;
            }
        }
        return n;
    }
}
