package org.nacosgi.naming.internal;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerErrorException;
import org.nacosgi.api.spi.NacosResponse;

/** Reads the v3 answer envelope {@code {"code":0,"message":"success","data":...}}. */
final class V3Envelope {
    static final int CODE_OK = 0;
    static final int CODE_RESOURCE_NOT_FOUND = 20004;
    /** A heartbeat for an instance the server does not know (3.x): register again. */
    static final int CODE_INSTANCE_NOT_FOUND = 21003;

    private final int code;
    private final String message;
    private final JsonValue data;

    private V3Envelope(int code, String message, JsonValue data) {
        this.code = code;
        this.message = message;
        this.data = data;
    }

    /** The envelope of any answer with a JSON body; HTTP errors without one become exceptions. */
    static V3Envelope read(NacosResponse r, NamingJson json, String what) {
        if (r.body().isBlank()) {
            if (!r.isSuccess()) {
                throw r.toException(what);
            }
            // captured: 3.0.3 answers 200 with an empty body when it swallowed an error (bad metadata)
            throw new MalformedResponseException(what + ": the server answered HTTP " + r.status()
                    + " with an empty body instead of a result");
        }
        JsonObject o;
        try {
            o = json.parseObject(r.body(), what);
        } catch (MalformedResponseException e) {
            if (!r.isSuccess()) {
                throw r.toException(what);
            }
            throw e;
        }
        if (!o.containsKey("code")) {
            if (!r.isSuccess()) {
                throw r.toException(what);
            }
            throw new MalformedResponseException(what + ": no 'code' in " + NamingJson.shorten(r.body()));
        }
        return new V3Envelope((int) NamingJson.longValue(o, "code", -1), o.getString("message", ""),
                o.getOrDefault("data", JsonValue.NULL));
    }

    int code() {
        return code;
    }

    JsonValue data() {
        return data;
    }

    /** Throws unless the code is 0: 404/20004 as not found, everything else as a server error. */
    V3Envelope requireOk(NacosResponse r, String what) {
        if (code == CODE_OK && r.isSuccess()) {
            return this;
        }
        String detail = what + ": code " + code + " " + message
                + (data.getValueType() == JsonValue.ValueType.STRING ? " (" + NamingJson.shorten(data.toString()) + ")" : "");
        if (r.status() == 404 || code == CODE_RESOURCE_NOT_FOUND) {
            throw new NotFoundException(detail);
        }
        if (!r.isSuccess() && r.status() != 400 && r.status() != 500) {
            throw r.toException(what);
        }
        throw new ServerErrorException(r.status(), detail);
    }
}
