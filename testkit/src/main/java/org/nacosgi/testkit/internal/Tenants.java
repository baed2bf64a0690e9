package org.nacosgi.testkit.internal;

/** How each generation maps the tenant / namespace id "public" and the empty id. */
final class Tenants {
    private final boolean v3;

    Tenants(boolean v3) {
        this.v3 = v3;
    }

    /** Namespace a write lands in: "public" means the default namespace on every generation. */
    String forWrite(String tenant) {
        if (tenant == null || tenant.isBlank() || "public".equals(tenant)) {
            return "";
        }
        return tenant.trim();
    }

    /** Namespace a v1 read looks in: 2.x keeps "public" as a separate (empty) namespace, 3.x maps it to default. */
    String forRead(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return "";
        }
        if (v3 && "public".equals(tenant)) {
            return "";
        }
        return tenant.trim();
    }

    /** The id the 3.x APIs show for the default namespace. */
    static String shown(String tenant) {
        return tenant.isEmpty() ? "public" : tenant;
    }
}
