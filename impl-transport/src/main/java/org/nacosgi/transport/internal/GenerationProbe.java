package org.nacosgi.transport.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;
import org.nacosgi.api.spi.ServerGeneration;

/**
 * Finds which API generation the servers serve (the protocol doc, section 1, and the 3.0.3 captures
 * {@code probe-v3*.json}): {@code /v3/admin/core/state/liveness} answers 200 with code 0 only on 3.x (no token
 * needed); there, {@code /v1/ns/operator/metrics} 200 means the v1 client calls are still served. Before 3.x,
 * {@code /v2/cs/config} without parameters answers 400 on 2.x (403 with auth on) and 404 on 1.x.
 */
final class GenerationProbe {
    static final String LIVENESS_PATH = "/v3/admin/core/state/liveness";
    static final String V1_METRICS_PATH = "/v1/ns/operator/metrics";
    static final String V2_CONFIG_PATH = "/v2/cs/config";

    private final Function<NacosRequest, NacosResponse> send;
    private final JsonProvider json;
    private final System.Logger log;

    GenerationProbe(Function<NacosRequest, NacosResponse> send, JsonProvider json, System.Logger log) {
        this.send = send;
        this.json = json;
        this.log = log;
    }

    ServerGeneration probe() {
        ServerGeneration g = detect();
        log.log(Level.DEBUG, "servers serve API generation {0}", g);
        return g;
    }

    private ServerGeneration detect() {
        NacosResponse liveness = send.apply(NacosRequest.get(LIVENESS_PATH).build());
        if (liveness.status() == 200 && isCodeZero(liveness.body())) {
            NacosResponse metrics = send.apply(NacosRequest.get(V1_METRICS_PATH).build());
            return metrics.status() == 200 ? ServerGeneration.V3_WITH_V1_CLIENT : ServerGeneration.V3_ONLY;
        }
        NacosResponse v2 = send.apply(NacosRequest.get(V2_CONFIG_PATH).build());
        switch (v2.status()) {
            case 404:
                return ServerGeneration.V1;
            case 410:
                // a 3.x behind something that hides the liveness path; its v1 client calls are the safe choice
                return ServerGeneration.V3_WITH_V1_CLIENT;
            case 400:
            case 401:
            case 403:
            case 200:
                // the route exists: parameters missing (400) or auth before parameters (401/403)
                return ServerGeneration.V2;
            default:
                log.log(Level.WARNING, "unexpected answer to the v2 probe ({0}); assuming a 1.x server", v2.summary());
                return ServerGeneration.V1;
        }
    }

    private boolean isCodeZero(String body) {
        try (JsonReader reader = json.createReader(new StringReader(body))) {
            JsonValue v = reader.readValue();
            if (v instanceof JsonObject) {
                JsonValue code = ((JsonObject) v).get("code");
                return code instanceof JsonNumber && ((JsonNumber) code).intValue() == 0;
            }
            return false;
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }
}
