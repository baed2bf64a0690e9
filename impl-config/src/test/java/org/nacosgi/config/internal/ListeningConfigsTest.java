package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The listener's request field and answer, checked against every captured listener exchange. */
class ListeningConfigsTest {
    static Path shared() {
        return Paths.get(System.getProperty("nacosgi.shared.dir", "../../shared"));
    }

    /** Every listener-v1.json / compat-v3.json exchange of every capture directory. */
    static List<JsonObject> listenerExchanges() throws IOException {
        List<JsonObject> out = new ArrayList<>();
        Path wire = shared().resolve("nacos-wire");
        try (Stream<Path> dirs = Files.list(wire)) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                for (String name : List.of("listener-v1.json", "compat-v3.json", "admin-v3.json")) {
                    Path f = d.resolve(name);
                    if (!Files.isRegularFile(f)) {
                        continue;
                    }
                    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                         JsonReader jr = JsonProvider.provider().createReader(r)) {
                        JsonArray all = jr.readArray();
                        for (JsonValue v : all) {
                            JsonObject e = v.asJsonObject();
                            JsonObject req = e.getJsonObject("request");
                            if (req.getString("path", "").endsWith("/v1/cs/configs/listener")
                                    && req.getString("method", "").equals("POST")) {
                                out.add(e);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void answersParseAsCaptured() throws IOException {
        List<JsonObject> exchanges = listenerExchanges();
        assertTrue(exchanges.size() >= 20, "captures found: " + exchanges.size() + " under " + shared());
        int checked = 0;
        for (JsonObject e : exchanges) {
            JsonObject response = e.getJsonObject("response");
            JsonObject form = e.getJsonObject("request").getJsonObject("form");
            if (response.getInt("status") != 200 || form == null || !form.containsKey("Listening-Configs")) {
                continue;
            }
            String body = response.getString("body");
            List<String> parsed = ListeningConfigs.parseChanged(body);
            // what the server reported, rebuilt from the raw bytes: URL-decoded lines of dataId^Bgroup[^Btenant]
            List<String> expected = new ArrayList<>();
            String decoded = java.net.URLDecoder.decode(body.strip(), StandardCharsets.UTF_8);
            for (String line : decoded.split("\u0001")) {
                if (!line.isEmpty()) {
                    String[] f = line.split("\u0002");
                    expected.add(f[0] + "\u0002" + f[1]);
                }
            }
            assertEquals(expected, parsed, e.getString("name"));
            if (!body.isEmpty()) {
                assertTrue(body.endsWith("\n"), "captured answers end with a newline");
                // every reported key was in the request
                String sent = form.getString("Listening-Configs");
                for (String k : parsed) {
                    assertTrue(sent.contains(k), e.getString("name") + ": " + k);
                }
            }
            checked++;
        }
        assertTrue(checked >= 15, "checked " + checked);
    }

    @Test
    void requestFieldIsBuiltAsCaptured() throws IOException {
        int compared = 0;
        for (JsonObject e : listenerExchanges()) {
            JsonObject form = e.getJsonObject("request").getJsonObject("form");
            if (form == null || !form.containsKey("Listening-Configs")) {
                continue;
            }
            String sent = form.getString("Listening-Configs");
            if (sent.isEmpty() || !sent.endsWith("\u0001")) {
                continue;
            }
            StringBuilder rebuilt = new StringBuilder();
            boolean wellFormed = true;
            for (String line : sent.substring(0, sent.length() - 1).split("\u0001", -1)) {
                String[] f = line.split("\u0002", -1);
                if (f.length < 3 || f.length > 4 || f[0].isEmpty()) {
                    wellFormed = false;
                    break;
                }
                String ns = f.length == 4 ? f[3] : "";
                if (f.length == 4 && (ns.isEmpty() || ns.equals("public"))) {
                    wellFormed = false; // the public namespace is never sent as a tenant field
                    break;
                }
                ListeningConfigs.append(rebuilt, LocalFileTreeTest.key(f[0], f[1], ns), f[2]);
            }
            if (!wellFormed) {
                continue;
            }
            assertEquals(sent, rebuilt.toString(), e.getString("name"));
            compared++;
        }
        assertTrue(compared >= 10, "compared " + compared);
    }

    @Test
    void tenantIsOnlySentForANamedNamespace() {
        StringBuilder b = new StringBuilder();
        ListeningConfigs.append(b, LocalFileTreeTest.key("a", "G", ""), "m1");
        ListeningConfigs.append(b, LocalFileTreeTest.key("a", "G", "public"), "m1");
        ListeningConfigs.append(b, LocalFileTreeTest.key("a", "G", "ns-1"), "");
        assertEquals("a\u0002G\u0002m1\u0001a\u0002G\u0002m1\u0001a\u0002G\u0002\u0002ns-1\u0001", b.toString());
        assertEquals(List.of("a\u0002G", "b\u0002G"), ListeningConfigs.parseChanged("a%02G%02ns-1%01b%02G%01\n"));
        assertTrue(ListeningConfigs.parseChanged("").isEmpty());
        assertTrue(ListeningConfigs.parseChanged("\n").isEmpty());
        assertFalse(ListeningConfigs.parseChanged("x%02y%01").isEmpty());
    }
}
