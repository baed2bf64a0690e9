package org.nacosgi.testkit.internal;

import jakarta.json.JsonArrayBuilder;

/** {@code /v3/auth/user/...}: admin initialisation, login, users. */
final class V3AuthRoutes {
    private final Core core;
    private final V3Replies replies;

    V3AuthRoutes(Core core) {
        this.core = core;
        this.replies = new V3Replies(core);
    }

    void register(Routes routes) {
        routes.add("POST", "/v3/auth/user/admin", Routes.Guard.OPEN, this::initAdmin);
        routes.add("POST", "/v3/auth/user/login", Routes.Guard.OPEN, this::login);
        routes.add("GET", "/v3/auth/user/list", Routes.Guard.CLIENT, this::list);
        routes.add("POST", "/v3/auth/user", Routes.Guard.ADMIN, this::create);
        routes.add("DELETE", "/v3/auth/user", Routes.Guard.ADMIN, this::delete);
    }

    private Reply initAdmin(Call call) {
        Request r = call.req;
        if (!r.has("password")) {
            return replies.missing("password");
        }
        String password = r.param("password");
        if (!core.auth.initAdmin(password)) {
            return replies.error(200, 409, "have admin user cannot use it.", null);
        }
        return replies.ok(core.json.obj().add("username", "nacos").add("password", password).build());
    }

    private Reply login(Call call) {
        Request r = call.req;
        String name = r.param("username");
        String pass = r.param("password");
        Auth.User u = core.auth.user(name);
        if (u == null) {
            return core.dialect.springError(403, "Access Denied", r);
        }
        if (pass == null || !u.password.equals(pass)) {
            return core.dialect.springError(500, "No message available", r);
        }
        return AuthRoutes.loginAnswer(core, u);
    }

    private Reply list(Call call) {
        JsonArrayBuilder items = core.json.arr();
        int n = 0;
        for (Auth.User u : core.auth.all()) {
            items.add(core.json.obj().add("username", u.name).add("password", Passwords.hash(u.password)));
            n++;
        }
        return replies.ok(core.json.obj().add("totalCount", n).add("pageNumber", 1)
                .add("pagesAvailable", n == 0 ? 0 : 1).add("pageItems", items).build());
    }

    private Reply create(Call call) {
        Request r = call.req;
        for (String p : new String[] {"username", "password"}) {
            if (!r.has(p)) {
                return replies.missing(p);
            }
        }
        if (!core.auth.createUser(r.param("username"), r.param("password"))) {
            return replies.error(400, 10000, "parameter validate error", "user '" + r.param("username")
                    + "' already exist!");
        }
        return replies.ok("create user ok!");
    }

    private Reply delete(Call call) {
        Request r = call.req;
        if (!r.has("username")) {
            return replies.missing("username");
        }
        core.auth.deleteUser(r.param("username"));
        return replies.ok("delete user ok!");
    }
}
