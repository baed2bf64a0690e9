package org.nacosgi.testkit.internal;

import jakarta.json.JsonArrayBuilder;

/** v1 auth: login, admin initialisation, user list. */
final class AuthRoutes {
    private final Core core;

    AuthRoutes(Core core) {
        this.core = core;
    }

    void register(Routes routes) {
        routes.add("POST", "/v1/auth/login", Routes.Guard.OPEN, this::login);
        routes.add("POST", "/v1/auth/users/login", Routes.Guard.OPEN, this::login);
        routes.add("POST", "/v1/auth/users/admin", Routes.Guard.OPEN, this::initAdmin);
        routes.add("GET", "/v1/auth/users", Routes.Guard.CLIENT, this::users);
    }

    /** A login answer: the bare 2.x body plus an Authorization header. */
    static Reply loginAnswer(Core core, Auth.User u) {
        String token = core.auth.token(u.name);
        String body = core.json.obj().add("accessToken", token).add("tokenTtl", core.auth.tokenTtlSeconds())
                .add("globalAdmin", u.admin).add("username", u.name).build().toString();
        return Reply.of(200, Dialect.JSON, body).prepend("Authorization", "Bearer " + token);
    }

    private Reply login(Call call) {
        Request r = call.req;
        Dialect d = core.dialect;
        if (!r.has("username")) {
            return d.missingParam("username", r);
        }
        if (!r.has("password")) {
            return d.missingParam("password", r);
        }
        String name = r.param("username");
        Auth.User u = core.auth.user(name);
        boolean ok = u != null && u.password.equals(r.param("password"));
        if (ok) {
            return loginAnswer(core, u);
        }
        if (d.v3()) {
            return d.springError(500, "Handle API Compatibility failed, please see log for detail.", r);
        }
        if (u == null) {
            return d.caused(500, "User " + name + " not found", r);
        }
        return Reply.of(403, Dialect.TEXT, "user not found!");
    }

    private Reply initAdmin(Call call) {
        Request r = call.req;
        if (!r.has("password")) {
            return core.dialect.missingParam("password", r);
        }
        String password = r.param("password");
        if (!core.auth.initAdmin(password)) {
            String body = core.json.obj().add("code", 409).addNull("message")
                    .add("data", "have admin user cannot use it").build().toString();
            return Reply.of(200, Dialect.JSON, body);
        }
        String body = core.json.obj().add("username", "nacos").add("password", password).build().toString();
        return Reply.of(200, Dialect.JSON, body);
    }

    private Reply users(Call call) {
        JsonArrayBuilder items = core.json.arr();
        int n = 0;
        for (Auth.User u : core.auth.all()) {
            items.add(core.json.obj().add("username", u.name).add("password", Passwords.hash(u.password)));
            n++;
        }
        String body = core.json.obj().add("totalCount", n).add("pageNumber", 1).add("pagesAvailable", 1)
                .add("pageItems", items).build().toString();
        return Reply.of(200, Dialect.JSON, body);
    }
}
