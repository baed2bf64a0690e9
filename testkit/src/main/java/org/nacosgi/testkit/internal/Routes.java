package org.nacosgi.testkit.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Exact (method, path) routes below the context path, each with the auth it needs. */
final class Routes {
    /** Who may call a route. */
    enum Guard {
        /** Never needs a token. */
        OPEN,
        /** Needs a token when auth is enabled. */
        CLIENT,
        /** 3.x admin API: needs a token even when auth is disabled. */
        ADMIN
    }

    static final class Route {
        final Guard guard;
        final Handler handler;

        Route(Guard guard, Handler handler) {
            this.guard = guard;
            this.handler = handler;
        }
    }

    private final Map<String, Route> byKey = new HashMap<>();
    private final Set<String> paths = new HashSet<>();

    Routes add(String method, String path, Guard guard, Handler handler) {
        byKey.put(method + " " + path, new Route(guard, handler));
        paths.add(path);
        return this;
    }

    /** The route for method and path; HEAD falls back to GET as in Spring MVC. */
    Route find(String method, String path) {
        Route r = byKey.get(method + " " + path);
        if (r == null && "HEAD".equals(method)) {
            r = byKey.get("GET " + path);
        }
        return r;
    }

    boolean knows(String path) {
        return paths.contains(path);
    }
}
