package org.nacosgi.naming.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Reads the real server captures in {@code ../shared/nacos-wire} (system property nacosgi.shared.dir). */
final class Captures {
    static final JsonProvider JSON = JsonProvider.provider();

    private Captures() {
    }

    static Path dir(String version) {
        String shared = System.getProperty("nacosgi.shared.dir", "../../shared");
        return Paths.get(shared, "nacos-wire", version);
    }

    /** The exchange named {@code name} in {@code <version>/<file>}. */
    static JsonObject exchange(String version, String file, String name) {
        try (Reader r = Files.newBufferedReader(dir(version).resolve(file), StandardCharsets.UTF_8)) {
            JsonArray all = JSON.createReader(r).readArray();
            for (JsonValue v : all) {
                JsonObject o = v.asJsonObject();
                if (name.equals(o.getString("name", null))) {
                    return o;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read capture " + version + "/" + file, e);
        }
        throw new IllegalArgumentException("no exchange " + name + " in " + version + "/" + file);
    }

    static String responseBody(String version, String file, String name) {
        return exchange(version, file, name).getJsonObject("response").getString("body");
    }
}
