package org.nacosgi.api.spi;

/** Which HTTP APIs a server serves (the protocol doc, section 1). */
public enum ServerGeneration {
    /** 0.8 - 1.4.x: v1 only. */
    V1,
    /** 2.0 - 2.5.x: v1 and the v2 open API. */
    V2,
    /** 3.0 - 3.1.x: the v1 client calls (others answer 410), plus /v3/client and /v3/admin. */
    V3_WITH_V1_CLIENT,
    /** 3.2 and later: /v3 only; config changes must be found by polling md5. */
    V3_ONLY;

    /** Whether the v1 client calls (config get/publish/delete/listener, instance register/deregister/list/beat) are served. */
    public boolean servesV1ClientApi() {
        return this != V3_ONLY;
    }

    /** Whether v1 calls beyond the client set (instance modify and detail) are served. */
    public boolean servesFullV1() {
        return this == V1 || this == V2;
    }
}
