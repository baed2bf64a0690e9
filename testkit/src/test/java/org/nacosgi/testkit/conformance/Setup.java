package org.nacosgi.testkit.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Actions the capture program performed between recorded exchanges without recording them (creating the configs a
 * listener group listens to, the update a "stale window" read follows, a second instance's heartbeats). Listed in
 * {@code conformance-setup.json} by group and exchange name; {@code {run}} stands for the run id.
 */
final class Setup {
    private final JsonObject byGroup;
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    private Setup(JsonObject byGroup) {
        this.byGroup = byGroup;
    }

    static Setup load() throws IOException {
        try (InputStream in = Setup.class.getResourceAsStream("conformance-setup.json")) {
            if (in == null) {
                throw new IOException("conformance-setup.json is missing from the test resources");
            }
            try (JsonReader r = Json.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return new Setup(r.readObject());
            }
        }
    }

    private Iterable<JsonValue> actions(Capture.Exchange ex) {
        String group = ex.file.replace(".json", "");
        if (!byGroup.containsKey(group) || !byGroup.getJsonObject(group).containsKey(ex.name)) {
            return java.util.List.of();
        }
        return byGroup.getJsonObject(group).getJsonArray(ex.name);
    }

    /** Runs the synchronous actions due before an exchange. */
    void before(Capture.Exchange ex, Replayer r) {
        started.add(ex.name);
        for (JsonValue v : actions(ex)) {
            JsonObject a = v.asJsonObject();
            if (!a.containsKey("afterMs") && !a.containsKey("everyMs")) {
                perform(a, r);
            }
        }
    }

    /** Schedules the actions that happen while an exchange is in flight (scaled like the capture's gaps). */
    void during(Capture.Exchange ex, Replayer r, double scale) {
        for (JsonValue v : actions(ex)) {
            JsonObject a = v.asJsonObject();
            if (a.containsKey("afterMs")) {
                long delay = Math.round(a.getInt("afterMs") * scale);
                r.pool().submit(() -> {
                    TimeUnit.MILLISECONDS.sleep(delay);
                    perform(a, r);
                    return null;
                });
            } else if (a.containsKey("everyMs")) {
                long every = Math.max(1, Math.round(a.getInt("everyMs") * scale));
                String until = a.getString("until");
                r.pool().submit(() -> {
                    while (!started.contains(until)) {
                        TimeUnit.MILLISECONDS.sleep(every);
                        perform(a, r);
                    }
                    return null;
                });
            }
        }
    }

    private void perform(JsonObject a, Replayer r) {
        if (a.containsKey("put")) {
            JsonObject p = a.getJsonObject("put");
            String content = s(p, "content", null, r);
            if (p.containsKey("contentGenerator")) {
                content = Generators.eval(p.getString("contentGenerator"));
            }
            if (p.containsKey("contentRepeat")) {
                StringBuilder sb = new StringBuilder();
                while (sb.length() < p.getInt("length")) {
                    sb.append(p.getString("contentRepeat"));
                }
                sb.setLength(p.getInt("length"));
                content = sb.toString();
            }
            r.server().putConfig(s(p, "tenant", "", r), s(p, "group", "DEFAULT_GROUP", r), s(p, "dataId", null, r),
                    content, s(p, "type", null, r));
        }
        if (a.containsKey("call")) {
            JsonObject c = a.getJsonObject("call");
            Map<String, String> form = new LinkedHashMap<>();
            if (c.containsKey("form")) {
                for (Map.Entry<String, JsonValue> f : c.getJsonObject("form").entrySet()) {
                    form.put(f.getKey(), ((JsonString) f.getValue()).getString().replace("{run}", r.runId()));
                }
            }
            r.call(c.getString("method"), c.getString("path"), form);
        }
    }

    private static String s(JsonObject o, String key, String dflt, Replayer r) {
        String v = o.containsKey(key) && !o.isNull(key) ? o.getString(key) : dflt;
        return v == null ? null : v.replace("{run}", r.runId());
    }
}
