package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Tokens that expire every 2 s while 8 threads call the server without pause: no user call fails, and the client
 * logs in once per token lifetime, not once per caller. Logins are counted in the testkit's request log.
 */
class TokenExpiryTest {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration LOAD = Duration.ofSeconds(6);
    private static final int CALLERS = 8;
    private static final String USER = "nacos";
    private static final String PASSWORD = "token-expiry-pw";

    @TempDir
    Path dir;

    /** The client renews at 90% of the announced TTL: tokens are replaced before the server refuses them. */
    @Test
    void tokensAreRenewedAheadOfExpiryOncePerLifetime() throws Exception {
        try (NacosTestServer server = Servers.quick().auth(USER, PASSWORD).tokenTtl(TTL).start()) {
            Load load = hammer(server, server.serverAddr());
            long logins = logins(server);
            report("renewal", load, logins);
            assertEquals(List.of(), load.failures, "no user call failed");
            long lifetimes = LOAD.toMillis() / (TTL.toMillis() * 9 / 10);
            assertTrue(logins >= lifetimes, logins + " logins in " + LOAD + " with tokens renewed every 1.8 s");
            assertTrue(logins <= lifetimes + 2, logins + " logins for " + load.calls + " calls by " + CALLERS
                    + " callers: one per token lifetime expected");
        }
    }

    /**
     * The login answer is rewritten to announce a 1 h TTL while the server expires tokens after 2 s: every 2 s all
     * callers' requests are refused with "token expired!". Each caller retries once after a fresh login, and the
     * callers share that login.
     */
    @Test
    void expiredTokensRefusedUnderLoadCauseOneLoginPerExpiry() throws Exception {
        try (NacosTestServer server = Servers.quick().auth(USER, PASSWORD).tokenTtl(TTL).start();
                FaultyProxy proxy = FaultyProxy.to(server.port())) {
            proxy.rewrite("POST", "/v1/auth/login", a -> new FaultyProxy.Answer(a.status, a.contentType,
                    a.body.replaceAll("\"tokenTtl\":\\d+", "\"tokenTtl\":3600")));
            Load load = hammer(server, proxy.address());
            long logins = logins(server);
            report("expiry", load, logins);
            assertEquals(List.of(), load.failures, "no user call failed");
            long expiries = LOAD.toMillis() / TTL.toMillis();
            assertTrue(logins >= expiries, logins + " logins, expected one after each of ~" + expiries + " expiries");
            assertTrue(logins <= expiries + 2, logins + " logins for " + load.calls + " calls by " + CALLERS
                    + " callers: one per expiry expected, not one per caller");
            // the client believed every token good for an hour: each of these logins followed a refusal
            assertTrue(proxy.rewritten() >= logins, "login answers rewritten: " + proxy.rewritten());
        }
    }

    private static final class Load {
        final List<String> failures = new ArrayList<>();
        int calls;
    }

    private Load hammer(NacosTestServer server, String address) throws Exception {
        server.putConfig("", "DEFAULT_GROUP", "k", "v", "text");
        ClientOptions.Builder options = Clients.options(dir, address).username(USER).password(PASSWORD);
        Load load = new Load();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try (NacosClient client = Clients.create(options)) {
            client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
            server.clearRequests();
            long end = System.nanoTime() + LOAD.toNanos();
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                int caller = t;
                callers.add(pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        try {
                            switch ((caller + i) % 3) {
                                case 0:
                                    assertEquals("v", client.config().getConfig("k"));
                                    break;
                                case 1:
                                    assertEquals(1, client.naming().listNamingInstance("svc").size());
                                    break;
                                default:
                                    client.config().publishConfig("caller" + caller, null, "n" + i);
                                    break;
                            }
                            calls.incrementAndGet();
                        } catch (RuntimeException | AssertionError e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            for (Future<?> f : callers) {
                f.get(LOAD.toMillis() + Await.seconds(30).toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        load.failures.addAll(failures);
        load.calls = calls.get();
        return load;
    }

    private static long logins(NacosTestServer server) {
        return server.requests().stream().filter(r -> r.path().endsWith("/auth/login")
                || r.path().endsWith("/auth/users/login") || r.path().endsWith("/auth/user/login")).count();
    }

    private static void report(String what, Load load, long logins) {
        System.out.println("[reliability] token " + what + ": " + load.calls + " calls by " + CALLERS + " callers in "
                + LOAD.toSeconds() + " s, TTL " + TTL.toSeconds() + " s, logins=" + logins + ", failures="
                + load.failures.size());
    }
}
