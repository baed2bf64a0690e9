package org.nacosgi.testkit.internal;

/** The 3.x admin API ({@code /v3/admin/...}, token required even with auth off) and the actuator probes. */
final class V3AdminRoutes {
    private final Core core;

    V3AdminRoutes(Core core) {
        this.core = core;
    }

    void register(Routes routes) {
        new V3AdminConfigRoutes(core).register(routes);
        new V3AdminNamingRoutes(core).register(routes);
        new V3AdminCoreRoutes(core).register(routes);
    }
}
