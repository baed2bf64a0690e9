package org.nacosgi.testkit.internal;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** JSON-P, found once per server and passed down (no JVM-wide provider field). */
final class Json {
    private final JsonProvider provider;

    Json() {
        this.provider = JsonProvider.provider();
    }

    JsonObjectBuilder obj() {
        return provider.createObjectBuilder();
    }

    JsonArrayBuilder arr() {
        return provider.createArrayBuilder();
    }

    /** Adds a string or JSON null. */
    static JsonObjectBuilder str(JsonObjectBuilder b, String key, String value) {
        return value == null ? b.addNull(key) : b.add(key, value);
    }

    JsonValue string(String s) {
        return provider.createValue(s);
    }

    /** Parses JSON text; throws {@link jakarta.json.JsonException} (a RuntimeException) on bad input. */
    JsonValue parse(String text) {
        try (JsonReader r = provider.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }

    JsonObject metadataObject(Map<String, String> metadata) {
        JsonObjectBuilder b = obj();
        metadata.forEach(b::add);
        return b.build();
    }

    /**
     * Nacos metadata parsing: a JSON object of strings, else {@code k=v,k2=v2}; anything else is rejected with
     * {@code metadata format incorrect:<input>}.
     */
    Map<String, String> parseMetadata(String metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        if (metadata == null || metadata.isBlank()) {
            return out;
        }
        try {
            JsonValue v = parse(metadata);
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                for (Map.Entry<String, JsonValue> e : v.asJsonObject().entrySet()) {
                    JsonValue val = e.getValue();
                    out.put(e.getKey(), val instanceof JsonString ? ((JsonString) val).getString()
                            : val.getValueType() == JsonValue.ValueType.NULL ? null : val.toString());
                }
                return out;
            }
        } catch (RuntimeException notJson) {
            // fall through to the k=v form
        }
        for (String kv : metadata.split(",")) {
            String[] p = kv.split("=");
            if (p.length != 2) {
                throw new BadMetadata("metadata format incorrect:" + metadata);
            }
            out.put(p[0], p[1]);
        }
        return out;
    }

    /** Metadata the server cannot parse. */
    static final class BadMetadata extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadMetadata(String message) {
            super(message, null, false, false);
        }
    }
}
