package org.nacosgi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfigServerTest {

    @Test
    void publishIsVisibleOnlyAfterTheDumpDelay() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ofMillis(300)).start()) {
            Http http = new Http(s);
            HttpResponse<String> pub = http.send("POST", "/v1/cs/configs",
                    Http.form("dataId", "app.properties", "group", "DEFAULT_GROUP", "content", "a=1", "type",
                            "properties"));
            assertEquals(200, pub.statusCode());
            assertEquals("true", pub.body());
            HttpResponse<String> early = http.get("/v1/cs/configs",
                    Http.form("dataId", "app.properties", "group", "DEFAULT_GROUP"));
            assertEquals(404, early.statusCode());
            assertEquals("config data not exist\n", early.body());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(5000));
            HttpResponse<String> got;
            do {
                got = http.get("/v1/cs/configs", Http.form("dataId", "app.properties", "group", "DEFAULT_GROUP"));
            } while (got.statusCode() == 404 && System.nanoTime() < deadline);
            assertEquals(200, got.statusCode());
            assertEquals("a=1", got.body());
            assertEquals("properties", got.headers().firstValue("Config-Type").orElse(null));
            assertEquals("7d4e3e7b47a9e4d0e4e3a96fa5b0de45".length(),
                    got.headers().firstValue("Content-MD5").orElse("").length());
            assertEquals("text/plain;charset=UTF-8", got.headers().firstValue("Content-Type").orElse(null));
        }
    }

    @Test
    void heldListenerReturnsEarlyOnChangeWithTheEncodedKey() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            s.putConfig("", "DEFAULT_GROUP", "lst.a", "la=1", null);
            Http http = new Http(s);
            String md5 = "573b7ab0ae6c446d90dbcef4398c5e94";
            CompletableFuture<HttpResponse<String>> held = http.client.sendAsync(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl() + "/v1/cs/configs/listener"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.encode(Map.of(
                                    "Listening-Configs", "lst.a\u0002DEFAULT_GROUP\u0002" + md5 + "\u0001"))))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Long-Pulling-Timeout", "30000").build(),
                    HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(5000));
            while (s.heldLongPolls() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, s.heldLongPolls());
            assertFalse(held.isDone());
            s.putConfig("", "DEFAULT_GROUP", "lst.a", "la=2", null);
            HttpResponse<String> r = held.get(Http.scaled(5000), TimeUnit.MILLISECONDS);
            assertEquals(200, r.statusCode());
            assertEquals("lst.a%02DEFAULT_GROUP%01\n", r.body());
            assertEquals(0, s.heldLongPolls());
        }
    }

    @Test
    void faultsAnswerCutAndPause() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            s.putConfig("", "DEFAULT_GROUP", "f", "0123456789", "text");
            Http http = new Http(s);
            Map<String, String> q = Http.form("dataId", "f", "group", "DEFAULT_GROUP");
            s.fault("GET", "/v1/cs/configs", Fault.status(503, "busy"));
            HttpResponse<String> r = http.get("/v1/cs/configs", q);
            assertEquals(503, r.statusCode());
            assertEquals("busy", r.body());
            s.clearFaults();
            s.fault("*", "/nacos/v1/cs", Fault.cutBody());
            assertThrows(IOException.class, () -> http.get("/v1/cs/configs", q));
            s.clearFaults();
            s.fault(null, "/v1/cs/configs", Fault.pause());
            CompletableFuture<HttpResponse<String>> paused = http.client.sendAsync(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.baseUrl() + "/v1/cs/configs?dataId=f&group=DEFAULT_GROUP")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(5000));
            while (s.requests().stream().noneMatch(x -> x.path().endsWith("/v1/cs/configs") && x.method().equals("GET")
                    && x.time() != null) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(paused.isDone());
            s.clearFaults();
            HttpResponse<String> resumed = paused.get(Http.scaled(5000), TimeUnit.MILLISECONDS);
            assertEquals(200, resumed.statusCode());
            assertEquals("0123456789", resumed.body());
            assertTrue(s.requests().stream().anyMatch(x -> x.param("dataId").orElse("").equals("f")));
        }
    }

    @Test
    void restartKeepsPortAndConfigs() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().dumpDelay(Duration.ZERO).start()) {
            int port = s.port();
            s.putConfig("", "DEFAULT_GROUP", "r", "x", null);
            s.restart(true);
            assertEquals(port, s.port());
            HttpResponse<String> r = new Http(s).get("/v1/cs/configs", Http.form("dataId", "r", "group", "DEFAULT_GROUP"));
            assertEquals(200, r.statusCode());
            assertEquals("x", r.body());
        }
    }
}
