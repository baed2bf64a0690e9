package org.nacosgi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuthServerTest {

    private static String token(HttpResponse<String> login) {
        String b = login.body();
        int i = b.indexOf("\"accessToken\":\"") + 15;
        return b.substring(i, b.indexOf('"', i));
    }

    @Test
    void adminInitIsOnceAndTheNewUserLogsInOnlyAfterTheReloadDelay() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().authEnabled(true)
                .userReloadDelay(Duration.ofMillis(400)).start()) {
            Http http = new Http(s);
            HttpResponse<String> first = http.send("POST", "/v1/auth/users/admin", Http.form("password", "pw-1"));
            assertEquals("{\"username\":\"nacos\",\"password\":\"pw-1\"}", first.body());
            HttpResponse<String> again = http.send("POST", "/v1/auth/users/admin", Http.form("password", "pw-2"));
            assertEquals("{\"code\":409,\"message\":null,\"data\":\"have admin user cannot use it\"}", again.body());
            HttpResponse<String> early = http.send("POST", "/v1/auth/login",
                    Http.form("username", "nacos", "password", "pw-1"));
            assertEquals(500, early.statusCode());
            assertEquals("caused: User nacos not found;", early.body());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(5000));
            HttpResponse<String> login;
            do {
                Thread.sleep(50);
                login = http.send("POST", "/v1/auth/login", Http.form("username", "nacos", "password", "pw-1"));
            } while (login.statusCode() != 200 && System.nanoTime() < deadline);
            assertEquals(200, login.statusCode());
            assertTrue(login.body().contains("\"globalAdmin\":true"));
            HttpResponse<String> wrong = http.send("POST", "/v1/auth/login",
                    Http.form("username", "nacos", "password", "nope"));
            assertEquals(403, wrong.statusCode());
            assertEquals("user not found!", wrong.body());
        }
    }

    @Test
    void tokensExpireAndRefusalsCarryTheGenerationsMessages() throws Exception {
        try (NacosTestServer v2 = NacosTestServer.builder().auth("nacos", "pw").tokenTtl(Duration.ofMillis(700))
                .dumpDelay(Duration.ZERO).start();
                NacosTestServer v3 = NacosTestServer.builder().generation(Generation.V3_0).auth("nacos", "pw")
                        .start()) {
            Http http = new Http(v2);
            HttpResponse<String> none = http.get("/v1/cs/configs", Http.form("dataId", "d", "group", "g"));
            assertEquals(403, none.statusCode());
            assertTrue(none.body().contains("\"message\":\"user not found!\""), none.body());
            HttpResponse<String> garbage = http.get("/v1/cs/configs",
                    Http.form("dataId", "d", "group", "g", "accessToken", "garbage"));
            assertTrue(garbage.body().contains("\"message\":\"token invalid!\""), garbage.body());
            String token = token(http.send("POST", "/v1/auth/login", Http.form("username", "nacos", "password", "pw")));
            HttpResponse<String> ok = http.client.send(HttpRequest.newBuilder(URI.create(v2.baseUrl()
                    + "/v1/cs/configs?dataId=d&group=g")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, ok.statusCode(), "authenticated: the config is simply missing");
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(5000));
            HttpResponse<String> expired;
            do {
                Thread.sleep(100);
                expired = http.get("/v1/cs/configs", Http.form("dataId", "d", "group", "g", "accessToken", token));
            } while (expired.statusCode() != 403 && System.nanoTime() < deadline);
            assertTrue(expired.body().contains("\"message\":\"token expired!\""), expired.body());

            HttpResponse<String> v3none = new Http(v3).get("/v3/client/cs/config",
                    Http.form("dataId", "d", "groupName", "g"));
            assertEquals(403, v3none.statusCode());
            assertTrue(v3none.body().contains("Code: 401, Message: User not found! Please check user exist or "
                    + "password is right!."), v3none.body());
        }
    }

    @Test
    void threeDotTwoServesOnlyV3AndOneServesNoV2() throws Exception {
        try (NacosTestServer v32 = NacosTestServer.builder().generation(Generation.V3_2).start();
                NacosTestServer v1 = NacosTestServer.builder().generation(Generation.V1).start()) {
            assertEquals(404, new Http(v32).get("/v1/cs/configs", Http.form("dataId", "d", "group", "g"))
                    .statusCode());
            HttpResponse<String> v3 = new Http(v32).get("/v3/client/cs/config", Http.form("dataId", "d",
                    "groupName", "g"));
            assertEquals(200, v3.statusCode());
            assertEquals("{\"code\":20004,\"message\":\"resource not found\",\"data\":null}", v3.body());
            assertEquals(404, new Http(v1).get("/v2/cs/config", Http.form("dataId", "d", "group", "g")).statusCode());
            assertEquals(404, new Http(v1).get("/v1/cs/configs", Http.form("dataId", "d", "group", "g"))
                    .statusCode());
        }
    }
}
