package org.nacosgi.transport.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Real server answers from {@code ../shared/nacos-wire} (system property {@code nacosgi.shared.dir}). */
final class Captures {
    private Captures() {
    }

    static Path dir() {
        return Paths.get(System.getProperty("nacosgi.shared.dir", "../../shared"), "nacos-wire");
    }

    /** The recorded response of exchange {@code name} in {@code <version>/<file>.json}. */
    static TestServer.Reply response(String version, String file, String name) {
        Path p = dir().resolve(version).resolve(file + ".json");
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                JsonReader reader = JsonProviders.find().createReader(r)) {
            JsonArray all = reader.readArray();
            for (JsonValue v : all) {
                JsonObject e = v.asJsonObject();
                if (e.getString("name").equals(name)) {
                    JsonObject resp = e.getJsonObject("response");
                    String body = resp.isNull("body") ? "" : resp.getString("body");
                    return TestServer.reply(resp.getInt("status"), body);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read capture " + p, e);
        }
        throw new IllegalStateException("no exchange " + name + " in " + p);
    }
}
