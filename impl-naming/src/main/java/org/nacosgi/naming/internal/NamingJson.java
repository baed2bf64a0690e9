package org.nacosgi.naming.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.MalformedResponseException;
import org.nacosgi.api.naming.BeatResult;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceInfo;

/**
 * Reads and writes the naming JSON shapes: the v1 ServiceInfo (list answers, UDP pushes, cache files), the
 * v3 instance array, instance details, beat answers and beat bodies, and metadata objects. Tolerant where the
 * servers differ ({@code allIPs}/{@code allIps}, hosts with or without {@code instanceId}, pushes without
 * {@code groupName}).
 */
final class NamingJson {
    static final Duration DEFAULT_CACHE_MILLIS = Duration.ofSeconds(10);

    private final JsonProvider json;

    NamingJson(JsonProvider json) {
        this.json = json;
    }

    JsonObject parseObject(String text, String what) {
        try {
            return json.createReader(new StringReader(text)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedResponseException(what + ": not a JSON object: " + shorten(text), e);
        }
    }

    JsonValue parseValue(String text, String what) {
        try {
            return json.createReader(new StringReader(text)).readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedResponseException(what + ": not JSON: " + shorten(text), e);
        }
    }

    /** A v1 ServiceInfo ({@code /v1/ns/instance/list}, push {@code data}, cache file). */
    ServiceInfo serviceInfo(JsonObject o, String fallbackGroup, String what) {
        try {
            String name = o.getString("name", null);
            if (name == null) {
                throw new MalformedResponseException(what + ": no 'name' in " + shorten(o.toString()));
            }
            String group = o.getString("groupName", null);
            String service = name;
            int sep = name.indexOf("@@");
            if (sep >= 0) {
                if (group == null || group.isEmpty()) {
                    group = name.substring(0, sep);
                }
                service = name.substring(sep + 2);
            }
            if (group == null || group.isEmpty()) {
                group = fallbackGroup;
            }
            List<Instance> hosts = new ArrayList<>();
            JsonValue hv = o.get("hosts");
            if (hv instanceof JsonArray) {
                for (JsonValue h : (JsonArray) hv) {
                    hosts.add(instance(asObject(h, what), service, group, what));
                }
            }
            long cacheMillis = longValue(o, "cacheMillis", DEFAULT_CACHE_MILLIS.toMillis());
            boolean protection = bool(o, "reachProtectionThreshold", false);
            return new ServiceInfo(service, group, o.getString("clusters", ""), hosts,
                    Duration.ofMillis(cacheMillis > 0 ? cacheMillis : DEFAULT_CACHE_MILLIS.toMillis()),
                    longValue(o, "lastRefTime", 0), o.getString("checksum", ""), protection);
        } catch (ClassCastException | JsonException e) {
            throw new MalformedResponseException(what + ": unexpected ServiceInfo shape: " + shorten(o.toString()), e);
        }
    }

    /** The {@code data} array of {@code /v3/client/ns/instance/list}, wrapped as a ServiceInfo without a version. */
    ServiceInfo serviceInfoFromArray(JsonArray array, String service, String group, String clusters, String what) {
        List<Instance> hosts = new ArrayList<>();
        for (JsonValue h : array) {
            hosts.add(instance(asObject(h, what), service, group, what));
        }
        return new ServiceInfo(service, group, clusters, hosts, DEFAULT_CACHE_MILLIS, 0, "", false);
    }

    /** One host or instance detail; {@code service}/{@code group} fill in what the JSON leaves out. */
    Instance instance(JsonObject h, String service, String group, String what) {
        try {
            String ip = h.getString("ip", null);
            if (ip == null || !h.containsKey("port")) {
                throw new MalformedResponseException(what + ": instance without ip or port: " + shorten(h.toString()));
            }
            String grouped = h.getString("serviceName", h.getString("service", null));
            String svc = service;
            String grp = group;
            if (grouped != null) {
                int sep = grouped.indexOf("@@");
                if (sep >= 0) {
                    grp = grouped.substring(0, sep);
                    svc = grouped.substring(sep + 2);
                } else if (svc == null) {
                    svc = grouped;
                }
            }
            Instance.Builder b = Instance.builder(svc, ip, (int) longValue(h, "port", 0))
                    .groupName(grp)
                    .clusterName(h.getString("clusterName", Instance.DEFAULT_CLUSTER))
                    .weight(doubleValue(h, "weight", Instance.DEFAULT_WEIGHT))
                    .healthy(bool(h, "healthy", true))
                    .enabled(bool(h, "enabled", true))
                    .ephemeral(bool(h, "ephemeral", true))
                    .metadata(metadata(h.get("metadata"), what));
            String id = h.getString("instanceId", null);
            if (id != null && !id.isEmpty()) {
                b.instanceId(id);
            }
            return b.build();
        } catch (ClassCastException | JsonException e) {
            throw new MalformedResponseException(what + ": unexpected instance shape: " + shorten(h.toString()), e);
        }
    }

    /** {@code {"clientBeatInterval":5000,"code":10200,"lightBeatEnabled":true}}; old servers omit code. */
    BeatResult beatResult(String body, Duration current, String what) {
        JsonObject o = parseObject(body, what);
        long interval = longValue(o, "clientBeatInterval", current.toMillis());
        return new BeatResult((int) longValue(o, "code", BeatResult.CODE_OK),
                Duration.ofMillis(interval > 0 ? interval : current.toMillis()), bool(o, "lightBeatEnabled", false));
    }

    /** The beat parameter of the v1 beat: what a 1.x client sends. */
    String beatBody(Instance i, Duration period) {
        return json.createObjectBuilder()
                .add("serviceName", i.groupName() + "@@" + i.serviceName())
                .add("ip", i.ip())
                .add("port", i.port())
                .add("cluster", i.clusterName())
                .add("weight", i.weight())
                .add("metadata", metadataObject(i.metadata()))
                .add("scheduled", true)
                .add("period", period.toMillis())
                .add("stopped", false)
                .build().toString();
    }

    String metadataJson(Map<String, String> metadata) {
        return metadataObject(metadata).toString();
    }

    private JsonObject metadataObject(Map<String, String> metadata) {
        JsonObjectBuilder b = json.createObjectBuilder();
        metadata.forEach(b::add);
        return b.build();
    }

    /**
     * Metadata given by a user as JSON object text: string values as they are, numbers and booleans as their JSON
     * text; null, arrays and objects are refused, naming the key.
     */
    Map<String, String> metadataFromUserJson(String text) {
        if (text == null) {
            throw new InvalidArgumentException("metadata", "must not be null");
        }
        if (text.isBlank()) {
            return Map.of();
        }
        JsonValue v;
        try {
            v = json.createReader(new StringReader(text)).readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidArgumentException("metadata", "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(v instanceof JsonObject)) {
            throw new InvalidArgumentException("metadata", "a JSON object such as {\"k\":\"v\"} expected, got a "
                    + v.getValueType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
            JsonValue value = e.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL || value instanceof JsonStructure) {
                throw new InvalidArgumentException("metadata", "the value of key '" + e.getKey()
                        + "' must be text, a number or a boolean, was " + value.getValueType());
            }
            out.put(e.getKey(), value instanceof JsonString ? ((JsonString) value).getString() : value.toString());
        }
        return out;
    }

    /** A ServiceInfo in the v1 list format (the cache file and failover file format). */
    String serviceInfoJson(ServiceInfo info) {
        JsonArrayBuilder hosts = json.createArrayBuilder();
        for (Instance i : info.hosts()) {
            JsonObjectBuilder h = json.createObjectBuilder();
            i.instanceId().ifPresent(id -> h.add("instanceId", id));
            h.add("ip", i.ip()).add("port", i.port()).add("weight", i.weight()).add("healthy", i.healthy())
                    .add("enabled", i.enabled()).add("ephemeral", i.ephemeral()).add("clusterName", i.clusterName())
                    .add("serviceName", i.groupName() + "@@" + i.serviceName())
                    .add("metadata", metadataObject(i.metadata()));
            hosts.add(h);
        }
        return json.createObjectBuilder()
                .add("name", info.groupName() + "@@" + info.serviceName())
                .add("groupName", info.groupName())
                .add("clusters", info.clusters())
                .add("cacheMillis", info.cacheMillis().toMillis())
                .add("hosts", hosts)
                .add("lastRefTime", info.lastRefTime())
                .add("checksum", info.checksum())
                .add("reachProtectionThreshold", info.reachProtectionThreshold())
                .build().toString();
    }

    JsonObject pushAck(String type, String lastRefTime, String data) {
        return json.createObjectBuilder().add("type", type).add("lastRefTime", lastRefTime).add("data", data).build();
    }

    private Map<String, String> metadata(JsonValue v, String what) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (v instanceof JsonString) {
            // some servers echo metadata as the JSON text it was registered with
            String s = ((JsonString) v).getString();
            return s.isBlank() ? Map.of() : metadata(parseValue(s, what), what);
        }
        if (!(v instanceof JsonObject)) {
            throw new MalformedResponseException(what + ": metadata is not an object: " + shorten(v.toString()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
            JsonValue value = e.getValue();
            if (value instanceof JsonString) {
                out.put(e.getKey(), ((JsonString) value).getString());
            } else if (value.getValueType() != JsonValue.ValueType.NULL) {
                out.put(e.getKey(), value.toString());
            }
        }
        return out;
    }

    private static JsonObject asObject(JsonValue v, String what) {
        if (!(v instanceof JsonObject)) {
            throw new MalformedResponseException(what + ": expected an instance object, got " + shorten(String.valueOf(v)));
        }
        return (JsonObject) v;
    }

    static long longValue(JsonObject o, String key, long dflt) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber) {
            return ((JsonNumber) v).longValue();
        }
        if (v instanceof JsonString) {
            try {
                return Long.parseLong(((JsonString) v).getString().trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
        return dflt;
    }

    static double doubleValue(JsonObject o, String key, double dflt) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber) {
            return ((JsonNumber) v).doubleValue();
        }
        if (v instanceof JsonString) {
            try {
                return Double.parseDouble(((JsonString) v).getString().trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
        return dflt;
    }

    static boolean bool(JsonObject o, String key, boolean dflt) {
        JsonValue v = o.get(key);
        if (v != null && v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (v instanceof JsonString) {
            return Boolean.parseBoolean(((JsonString) v).getString().trim());
        }
        return dflt;
    }

    static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("<!doctype") || lower.startsWith("<html")) {
            return "an HTML page (a proxy or load balancer answered?)"; // named, not quoted, as NacosResponse.summary()
        }
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
