package org.nacosgi.testkit.internal;

import jakarta.json.JsonValue;

/** The {code,message,data} replies the 3.x APIs share. */
final class V3Replies {
    private final Core core;

    V3Replies(Core core) {
        this.core = core;
    }

    Reply ok(JsonValue data) {
        return Reply.of(200, Dialect.JSON, core.dialect.envelope(0, "success", data));
    }

    Reply ok(String data) {
        return Reply.of(200, Dialect.JSON, core.dialect.envelope(0, "success", data));
    }

    /** An envelope whose data is raw JSON text (for bodies JSON-P cannot express, e.g. duplicate keys). */
    Reply okRaw(String dataJson) {
        return Reply.of(200, Dialect.JSON,
                core.dialect.envelope(0, "success", "__DATA__").replace("\"__DATA__\"", dataJson));
    }

    Reply error(int status, int code, String message, String data) {
        return Reply.of(status, Dialect.JSON, core.dialect.envelope(code, message, data));
    }

    Reply missing(String name) {
        return error(400, 10000, "parameter missing", "Required parameter '" + name + "' type String is not present");
    }

    Reply notFound(String data) {
        return error(404, 20004, "resource not found", data);
    }
}
