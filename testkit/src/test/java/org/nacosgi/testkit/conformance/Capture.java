package org.nacosgi.testkit.conformance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** One run of a capture directory (index.json) with its exchanges ordered by when they were sent. */
final class Capture {
    /** One captured exchange. */
    static final class Exchange {
        final String file;
        final int index;
        final JsonObject json;
        final String name;
        final double startMs;
        final double endMs;

        Exchange(String file, int index, JsonObject json, double startMs, double endMs) {
            this.file = file;
            this.index = index;
            this.json = json;
            this.name = json.getString("name");
            this.startMs = startMs;
            this.endMs = endMs;
        }

        JsonObject request() {
            return json.getJsonObject("request");
        }

        JsonObject response() {
            return json.isNull("response") ? null : json.getJsonObject("response");
        }

        String method() {
            return request().getString("method");
        }

        boolean udp() {
            return "UDP".equals(method());
        }

        Double elapsed() {
            return json.isNull("elapsed_ms") || !json.containsKey("elapsed_ms") ? null
                    : json.getJsonNumber("elapsed_ms").doubleValue();
        }

        /** measurement-* summaries and other entries without a single captured answer. */
        boolean summary() {
            if (name.startsWith("measurement-")) {
                return true;
            }
            JsonObject r = response();
            return !udp() && (r == null || r.isNull("status"));
        }

        String id() {
            return file + "/" + name;
        }
    }

    final String version;
    final Path dir;
    final String runId;
    final String contextPath;
    final int port;
    final List<String> files = new ArrayList<>();
    final List<Exchange> exchanges = new ArrayList<>();

    private Capture(String version, Path dir, JsonObject run) throws IOException {
        this.version = version;
        this.dir = dir;
        this.runId = run.getString("run_id");
        this.contextPath = run.getString("context", "/nacos");
        String base = run.getString("base");
        this.port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        for (JsonValue g : run.getJsonArray("groups")) {
            String file = ((jakarta.json.JsonString) g).getString() + ".json";
            if (Files.exists(dir.resolve(file))) {
                files.add(file);
            }
        }
        for (String file : files) {
            JsonArray list = read(dir.resolve(file)).asJsonArray();
            for (int i = 0; i < list.size(); i++) {
                JsonObject e = list.getJsonObject(i);
                double at = OffsetDateTime.parse(e.getString("captured_at")).toInstant().toEpochMilli();
                Double el = e.isNull("elapsed_ms") ? null : e.getJsonNumber("elapsed_ms").doubleValue();
                exchanges.add(new Exchange(file, i, e, el == null ? at : at - el, at));
            }
        }
        // File order, except that an exchange sent clearly (> 50 ms) before earlier-listed ones moves ahead of them:
        // the capture's timestamps are only that precise, and held requests are listed when they return.
        List<Exchange> sorted = new ArrayList<>();
        for (Exchange e : exchanges) {
            int at = sorted.size();
            while (at > 0 && sorted.get(at - 1).startMs > e.startMs + 50) {
                at--;
            }
            sorted.add(at, e);
        }
        exchanges.clear();
        exchanges.addAll(sorted);
    }

    /** Every run of every {@code <shared>/nacos-wire/<version>/index.json}. */
    static List<Capture> all(Path wireDir) throws IOException {
        List<Capture> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(wireDir)) {
            for (Path d : dirs.sorted().toArray(Path[]::new)) {
                Path index = d.resolve("index.json");
                if (!Files.isDirectory(d) || !Files.exists(index)) {
                    continue;
                }
                for (JsonValue run : read(index).asJsonObject().getJsonArray("runs")) {
                    out.add(new Capture(d.getFileName().toString(), d, run.asJsonObject()));
                }
            }
        }
        return out;
    }

    static JsonValue read(Path p) throws IOException {
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8); JsonReader jr = Json.createReader(r)) {
            return jr.readValue();
        }
    }

    double firstStart() {
        return exchanges.stream().mapToDouble(e -> e.startMs).min().orElse(0);
    }

    /** Auth was on when a client API without a token was refused. */
    boolean authEnabled() {
        for (Exchange e : exchanges) {
            JsonObject r = e.response();
            String path = e.request().getString("path", "");
            if (r != null && !r.isNull("status") && r.getInt("status") == 403 && !path.contains("/v3/admin/")
                    && r.getString("body", "").toLowerCase(java.util.Locale.ROOT).contains("user not found")
                    && (path.contains("/v1/cs/") || path.contains("/v1/ns/") || path.contains("/v3/client/"))) {
                return true;
            }
        }
        return false;
    }

    /** tokenTtl of the first successful login, in seconds (0 when none). */
    long tokenTtlSeconds() {
        for (Exchange e : exchanges) {
            JsonObject r = e.response();
            if (r != null && !r.isNull("status") && r.getInt("status") == 200 && e.request().getString("path", "")
                    .contains("login")) {
                JsonValue body = ResponseMatcher.parse(r.getString("body", ""));
                if (body instanceof JsonObject && ((JsonObject) body).containsKey("tokenTtl")) {
                    return ((JsonObject) body).getJsonNumber("tokenTtl").longValue();
                }
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return version + " run " + runId + " " + files;
    }
}
