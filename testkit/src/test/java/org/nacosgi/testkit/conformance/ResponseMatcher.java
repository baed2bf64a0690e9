package org.nacosgi.testkit.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Compares an answer with a capture: status, the headers that matter (Content-Type, Config-Type, Content-MD5) and an
 * equivalent body (JSON structurally with the capture's volatile keys removed and arrays as multisets; listener
 * answers as sets of changed keys; other text exactly; truncated bodies by length and digest).
 */
final class ResponseMatcher {
    private ResponseMatcher() {
    }

    /** Keys the capture marks volatile ({@code response.body.a.b[0].c} gives {@code c}). */
    /** Volatile in every capture (README): Spring's timestamp, server times, ids, tokens. */
    static final Set<String> ALWAYS_VOLATILE = Set.of("timestamp", "lastModified", "lastRefTime", "createTime",
            "modifyTime", "id", "lastUpdatedTime", "accessToken", "checksum",
            // a node's start time (core/cluster/node/self); not in the README's list but a clock value all the same
            "lastRefreshTime");

    static Set<String> volatileKeys(JsonArray volatiles) {
        Set<String> out = new TreeSet<>(ALWAYS_VOLATILE);
        if (volatiles == null) {
            return out;
        }
        for (JsonValue v : volatiles) {
            String s = ((JsonString) v).getString();
            String last = s.substring(s.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
            if (s.startsWith("response.body") || s.startsWith("data.") || s.startsWith("response.decoded_json")) {
                out.add(last);
            }
        }
        return out;
    }

    /** Null when equal, else what differs. */
    static String compare(JsonObject expected, int status, Map<String, List<String>> headers, byte[] body,
            Set<String> volatileKeys, boolean listener, String expectedBodyOverride) {
        int want = expected.getInt("status");
        if (want != status) {
            return "status " + status + " != captured " + want + " (body " + abbreviate(text(body)) + ")";
        }
        for (String h : new String[] {"Content-Type", "Config-Type", "Content-MD5"}) {
            String w = header(expected.getJsonArray("headers"), h);
            String got = headers.getOrDefault(h.toLowerCase(Locale.ROOT), List.of()).stream().findFirst()
                    .orElse(null);
            if (!normHeader(w).equals(normHeader(got))) {
                return "header " + h + " '" + got + "' != captured '" + w + "'";
            }
        }
        if (expected.getBoolean("body_truncated", false)) {
            int len = expected.getInt("body_length", -1);
            if (len >= 0 && len != body.length) {
                return "body length " + body.length + " != captured " + len;
            }
            if (!expected.getString("body", "").startsWith("{") && expected.containsKey("body_md5")
                    && !md5(body).equals(expected.getString("body_md5"))) {
                return "body md5 differs";
            }
            return null;
        }
        String want2 = expectedBodyOverride != null ? expectedBodyOverride : expected.getString("body", "");
        String got = text(body);
        if (listener && want == 200) {
            return sameKeys(want2, got) ? null : "listener keys '" + got + "' != captured '" + want2 + "'";
        }
        JsonValue wj = parse(want2);
        if (wj != null && (wj.getValueType() == JsonValue.ValueType.OBJECT
                || wj.getValueType() == JsonValue.ValueType.ARRAY)) {
            JsonValue gj = parse(got);
            if (gj == null) {
                return "body is not JSON: " + abbreviate(got);
            }
            String diff = diff(strip(wj, volatileKeys), strip(gj, volatileKeys), "$");
            return diff == null ? null : diff + " (body " + abbreviate(got) + ")";
        }
        return want2.equals(got) ? null : "body '" + abbreviate(got) + "' != captured '" + abbreviate(want2) + "'";
    }

    static String header(JsonArray headers, String name) {
        if (headers == null) {
            return null;
        }
        for (JsonValue v : headers) {
            JsonArray pair = v.asJsonArray();
            if (pair.getString(0).equalsIgnoreCase(name)) {
                return pair.getString(1);
            }
        }
        return null;
    }

    private static String normHeader(String v) {
        return v == null ? "<none>" : v.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static boolean sameKeys(String want, String got) {
        return keys(want).equals(keys(got)) && want.endsWith("\n") == got.endsWith("\n");
    }

    private static Set<String> keys(String body) {
        String decoded = URLDecoder.decode(body.trim(), StandardCharsets.UTF_8);
        Set<String> out = new TreeSet<>();
        for (String k : decoded.split("\u0001")) {
            if (!k.isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }

    static JsonValue parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static JsonValue strip(JsonValue v, Set<String> volatileKeys) {
        switch (v.getValueType()) {
            case OBJECT:
                var b = Json.createObjectBuilder();
                for (Map.Entry<String, JsonValue> e : v.asJsonObject().entrySet()) {
                    if (!volatileKeys.contains(e.getKey())) {
                        b.add(e.getKey(), strip(e.getValue(), volatileKeys));
                    }
                }
                return b.build();
            case ARRAY:
                var a = Json.createArrayBuilder();
                for (JsonValue x : v.asJsonArray()) {
                    a.add(strip(x, volatileKeys));
                }
                return a.build();
            default:
                return v;
        }
    }

    /** Structural difference; arrays compare as multisets (servers list hosts in hash order). */
    static String diff(JsonValue w, JsonValue g, String at) {
        if (w.getValueType() != g.getValueType()) {
            boolean bothBool = (w == JsonValue.TRUE || w == JsonValue.FALSE) && (g == JsonValue.TRUE || g == JsonValue.FALSE);
            if (!bothBool) {
                return at + ": " + g + " != captured " + w;
            }
        }
        switch (w.getValueType()) {
            case OBJECT:
                JsonObject wo = w.asJsonObject();
                JsonObject go = g.asJsonObject();
                if (!wo.keySet().equals(go.keySet())) {
                    return at + ": keys " + go.keySet() + " != captured " + wo.keySet();
                }
                for (String k : wo.keySet()) {
                    String d = diff(wo.get(k), go.get(k), at + "." + k);
                    if (d != null) {
                        return d;
                    }
                }
                return null;
            case ARRAY:
                List<JsonValue> left = new ArrayList<>(g.asJsonArray());
                if (left.size() != w.asJsonArray().size()) {
                    return at + ": " + left.size() + " items != captured " + w.asJsonArray().size() + ": " + g;
                }
                for (JsonValue x : w.asJsonArray()) {
                    int hit = -1;
                    for (int i = 0; i < left.size(); i++) {
                        if (diff(x, left.get(i), at) == null) {
                            hit = i;
                            break;
                        }
                    }
                    if (hit < 0) {
                        return at + ": no item equal to captured " + x + " in " + g;
                    }
                    left.remove(hit);
                }
                return null;
            case NUMBER:
                BigDecimal a = ((JsonNumber) w).bigDecimalValue();
                BigDecimal b = ((JsonNumber) g).bigDecimalValue();
                return a.compareTo(b) == 0 ? null : at + ": " + b + " != captured " + a;
            default:
                return w.equals(g) ? null : at + ": " + g + " != captured " + w;
        }
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    static byte[] gunzipIfNeeded(byte[] data) throws IOException {
        if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
                return in.readAllBytes();
            }
        }
        return data;
    }

    static String md5(byte[] b) {
        try {
            StringBuilder sb = new StringBuilder();
            for (byte x : MessageDigest.getInstance("MD5").digest(b)) {
                sb.append(String.format("%02x", x & 0xff));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static <T> String join(Collection<T> c) {
        return String.join(", ", c.stream().map(String::valueOf).toArray(String[]::new));
    }
}
