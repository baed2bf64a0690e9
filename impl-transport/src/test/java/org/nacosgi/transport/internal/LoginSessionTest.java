package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nacosgi.transport.internal.TestServer.reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.AuthException;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosResponse;

class LoginSessionTest {
    private static final String USER = "nacos";
    private static final String PASSWORD = "s3cret-Pa55";
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger logins = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** A server whose login hands out tok-1, tok-2, ... and whose config GET accepts only {@code valid} tokens. */
    private TestServer authServer(long ttlSeconds) {
        server = TestServer.start();
        toClose.add(server);
        server.route("POST", "/nacos/v1/auth/login", r -> {
            if (!USER.equals(r.form().get("username")) || !PASSWORD.equals(r.form().get("password"))) {
                return reply(403, "user not found!");
            }
            int n = logins.incrementAndGet();
            return reply(200, "{\"accessToken\":\"tok-" + n + "\",\"tokenTtl\":" + ttlSeconds
                    + ",\"globalAdmin\":true,\"username\":\"nacos\"}");
        });
        return server;
    }

    private HttpClientRuntime runtime(TestServer s) {
        HttpClientRuntime rt = new HttpClientRuntime(ClientOptions.builder().serverAddr(s.address())
                .username(USER).password(PASSWORD).clientName("login").build(), JsonProviders.find(), clock::get);
        toClose.add(rt);
        return rt;
    }

    private static String token(TestServer.Recorded r) {
        String bearer = r.header("Authorization");
        if (bearer != null && bearer.startsWith("Bearer ")) {
            return bearer.substring(7);
        }
        String t = r.query().get("accessToken");
        return t != null ? t : r.form().get("accessToken");
    }

    @Test
    void logsInOnceWithThePasswordInTheBodyAndReusesTheToken() {
        authServer(18000).fallback(r -> reply(200, "token=" + token(r)));
        HttpClientRuntime rt = runtime(server);
        for (int i = 0; i < 3; i++) {
            assertEquals("token=tok-1", rt.transport().send(NacosRequest.get("/v1/cs/configs").build()).body());
        }
        assertEquals(1, logins.get());
        TestServer.Recorded login = server.requests("/nacos/v1/auth/login").get(0);
        assertEquals("", login.rawQuery, "nothing of the login in the URL");
        assertEquals(PASSWORD, login.form().get("password"));
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", login.header("Content-Type"));
        assertNull(login.form().get("accessToken"));
    }

    @Test
    void tokenGoesInTheAuthorizationHeaderForGetDeleteAndInTheFormForPostPutNeverInTheUrl() {
        authServer(18000).fallback(r -> reply(200, "ok"));
        HttpClientRuntime rt = runtime(server);
        rt.transport().send(NacosRequest.get("/g").build());
        rt.transport().send(NacosRequest.delete("/d").build());
        rt.transport().send(NacosRequest.post("/p").form("a", "1").build());
        rt.transport().send(NacosRequest.put("/u").query("q", "1").build());
        for (String p : List.of("/nacos/g", "/nacos/d")) {
            TestServer.Recorded r = server.requests(p).get(0);
            assertEquals("Bearer tok-1", r.header("Authorization"), p);
            assertNull(r.query().get("accessToken"), p);
        }
        for (String p : List.of("/nacos/p", "/nacos/u")) {
            TestServer.Recorded r = server.requests(p).get(0);
            assertEquals("tok-1", r.form().get("accessToken"), p);
            assertNull(r.query().get("accessToken"), p);
        }
    }

    @Test
    void unauthenticatedRequestsCarryNoToken() {
        authServer(18000).fallback(r -> reply(200, "ok"));
        HttpClientRuntime rt = runtime(server);
        rt.transport().send(NacosRequest.get("/open").unauthenticated().build());
        assertEquals(0, logins.get());
        assertNull(token(server.requests("/nacos/open").get(0)));
    }

    @Test
    void renewsTheTokenAfter90PercentOfItsTtl() {
        authServer(100).fallback(r -> reply(200, "token=" + token(r)));
        HttpClientRuntime rt = runtime(server);
        assertEquals("token=tok-1", rt.transport().send(NacosRequest.get("/c").build()).body());
        clock.addAndGet(Duration.ofSeconds(89).toNanos());
        assertEquals("token=tok-1", rt.transport().send(NacosRequest.get("/c").build()).body());
        assertEquals(1, logins.get());
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("token=tok-2", rt.transport().send(NacosRequest.get("/c").build()).body());
        assertEquals(2, logins.get());
    }

    @Test
    void concurrentCallersShareOneLogin() throws Exception {
        CountDownLatch releaseLogin = new CountDownLatch(1);
        authServer(18000).fallback(r -> reply(200, "token=" + token(r)));
        server.route("POST", "/nacos/v1/auth/login", r -> {
            releaseLogin.await(10, TimeUnit.SECONDS);
            return reply(200, "{\"accessToken\":\"tok-" + logins.incrementAndGet() + "\",\"tokenTtl\":18000}");
        });
        HttpClientRuntime rt = runtime(server);
        List<CompletableFuture<NacosResponse>> calls = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            CompletableFuture<NacosResponse> f = new CompletableFuture<>();
            calls.add(f);
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    f.complete(rt.transport().send(NacosRequest.get("/c").timeout(Duration.ofSeconds(10)).build()));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            threads.add(t);
            t.start();
        }
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(Timing.await(Duration.ofSeconds(5), () -> server.requests("/nacos/v1/auth/login").size() >= 1));
        // every caller is parked waiting for the one login before it is answered
        assertTrue(Timing.await(Duration.ofSeconds(5), () -> threads.stream().allMatch(
                t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)));
        releaseLogin.countDown();
        for (CompletableFuture<NacosResponse> f : calls) {
            assertEquals("token=tok-1", f.get(10, TimeUnit.SECONDS).body());
        }
        for (Thread t : threads) {
            t.join(5000);
        }
        assertEquals(1, logins.get());
        assertEquals(1, server.requests("/nacos/v1/auth/login").size());
    }

    /** Real answers for a refused token: 2.x bare messages, 3.x with the "Code: 401" prefix. */
    @ParameterizedTest
    @CsvSource({
        "2.5.1, auth, get-config-expired-token",
        "2.5.1, auth, get-config-garbage-token",
        "2.5.1, auth, get-config-bad-signature-token",
        "3.0.3, auth-v3, client-get-expired-token",
        "3.0.3, auth-v3, client-get-garbage-token",
        "3.0.3, auth, get-config-expired-token",
    })
    void refusedTokenMeansOneFreshLoginAndOneRetry(String version, String file, String exchange) {
        TestServer.Reply refused = Captures.response(version, file, exchange);
        assertEquals(403, refused.status);
        authServer(18000).fallback(r -> "tok-1".equals(token(r)) ? refused : reply(200, "token=" + token(r)));
        HttpClientRuntime rt = runtime(server);
        assertEquals("token=tok-2", rt.transport().send(NacosRequest.get("/c").build()).body());
        assertEquals(2, logins.get());
        assertEquals(2, server.requests("/nacos/c").size());
    }

    @Test
    void aTokenRefusedAgainAfterAFreshLoginIsAnAuthException() {
        TestServer.Reply expired = Captures.response("3.0.3", "auth-v3", "client-get-expired-token");
        authServer(18000).fallback(r -> expired);
        HttpClientRuntime rt = runtime(server);
        AuthException e = assertThrows(AuthException.class, () -> rt.transport().send(NacosRequest.get("/c").build()));
        assertTrue(e.getMessage().contains("token expired"), e.getMessage());
        assertEquals(2, logins.get(), "exactly one fresh login");
        assertEquals(2, server.requests("/nacos/c").size(), "exactly one retry");
    }

    @Test
    void otherForbiddenAnswersGoToTheCallerWithoutRelogin() {
        TestServer.Reply noRole = Captures.response("3.0.3", "auth-v3", "client-get-user-without-role");
        authServer(18000).fallback(r -> noRole);
        HttpClientRuntime rt = runtime(server);
        NacosResponse r = rt.transport().send(NacosRequest.get("/c").build());
        assertEquals(403, r.status());
        assertTrue(r.toException("get config") instanceof AuthException);
        assertEquals(1, logins.get());
    }

    @Test
    void refusedLoginIsAnAuthExceptionNamingTheUserNotThePassword() {
        server = TestServer.start();
        toClose.add(server);
        server.route("POST", "/nacos/v1/auth/login", r -> Captures.response("2.5.1", "auth", "login-wrong-password"));
        HttpClientRuntime rt = runtime(server);
        AuthException e = assertThrows(AuthException.class, () -> rt.transport().send(NacosRequest.get("/c").build()));
        assertTrue(e.getMessage().contains("'nacos'"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertTrue(server.requests("/nacos/c").isEmpty());
    }

    @Test
    void loginWithoutTokenWhenAuthIsOffLetsCallsGoOnWithoutOne() {
        server = TestServer.start();
        toClose.add(server);
        TestServer.Reply authOff = Captures.response("2.5.1", "errors", "v1-auth-login-when-auth-disabled");
        assertEquals(500, authOff.status);
        server.route("POST", "/nacos/v1/auth/login", r -> {
            logins.incrementAndGet();
            return authOff;
        }).fallback(r -> reply(200, "token=" + token(r)));
        HttpClientRuntime rt = runtime(server);
        assertEquals("token=null", rt.transport().send(NacosRequest.get("/c").build()).body());
        assertEquals("token=null", rt.transport().send(NacosRequest.get("/c").build()).body());
        assertEquals(1, logins.get(), "no login on every call");
        clock.addAndGet(LoginSession.NO_TOKEN_RETRY.toNanos());
        rt.transport().send(NacosRequest.get("/c").build());
        assertEquals(2, logins.get(), "tried again later");
    }

    @Test
    void v3OnlyServersLogInAtV3UserLogin() {
        server = TestServer.start();
        toClose.add(server);
        server.route("POST", "/nacos/v1/auth/login", r -> reply(410, "{\"status\":410,\"error\":\"Gone\"}"));
        server.route("POST", "/nacos/v3/auth/user/login", r -> PASSWORD.equals(r.form().get("password"))
                ? reply(200, "{\"accessToken\":\"v3-" + logins.incrementAndGet() + "\",\"tokenTtl\":100}")
                : reply(403, "Access Denied"));
        server.fallback(r -> reply(200, "token=" + token(r)));
        HttpClientRuntime rt = runtime(server);
        assertEquals("token=v3-1", rt.transport().send(NacosRequest.get("/c").build()).body());
        clock.addAndGet(Duration.ofSeconds(95).toNanos());
        assertEquals("token=v3-2", rt.transport().send(NacosRequest.get("/c").build()).body());
        assertEquals(1, server.requests("/nacos/v1/auth/login").size(), "the v3 path is remembered");
        assertEquals("", server.requests("/nacos/v3/auth/user/login").get(0).rawQuery);
    }

    @Test
    void isTokenRejectedReadsTheMessage() {
        assertTrue(LoginSession.isTokenRejected(new NacosResponse(403, java.util.Map.of(),
                "{\"message\":\"Code: 401, Message: token expired!.\"}", "s")));
        assertTrue(LoginSession.isTokenRejected(new NacosResponse(401, java.util.Map.of(), "token invalid!", "s")));
        assertFalse(LoginSession.isTokenRejected(new NacosResponse(403, java.util.Map.of(), "user not found!", "s")));
        assertFalse(LoginSession.isTokenRejected(new NacosResponse(500, java.util.Map.of(), "token expired!", "s")));
    }
}
