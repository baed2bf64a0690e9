package org.nacosgi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class NamingServerTest {

    private static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(millis));
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void ephemeralInstanceTurnsUnhealthyThenVanishesWithoutBeats() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().listDelay(Duration.ZERO)
                .unhealthyAfter(Duration.ofMillis(600)).removeAfter(Duration.ofMillis(1200)).start()) {
            Http http = new Http(s);
            HttpResponse<String> r = http.send("POST", "/v1/ns/instance",
                    Http.form("serviceName", "svc", "ip", "127.0.0.1", "port", "18080"));
            assertEquals("ok", r.body());
            assertTrue(s.instances("", "svc").get(0).healthy());
            await(() -> {
                List<InstanceView> i = s.instances("", "svc");
                return !i.isEmpty() && !i.get(0).healthy();
            }, 5000, "unhealthy");
            await(() -> s.instances("", "svc").isEmpty(), 5000, "removal");
        }
    }

    @Test
    void lightBeatForUnknownInstanceAnswers20404AndFullBeatRegisters() throws Exception {
        try (NacosTestServer s = NacosTestServer.builder().listDelay(Duration.ZERO).start()) {
            Http http = new Http(s);
            HttpResponse<String> light = http.send("PUT", "/v1/ns/instance/beat",
                    Http.form("serviceName", "G@@svc", "ip", "127.0.0.1", "port", "9"));
            assertEquals("{\"clientBeatInterval\":5000,\"code\":20404,\"lightBeatEnabled\":true}", light.body());
            HttpResponse<String> full = http.send("PUT", "/v1/ns/instance/beat", Http.form("serviceName", "G@@svc",
                    "beat", "{\"ip\":\"127.0.0.1\",\"port\":9,\"cluster\":\"c1\",\"weight\":2,\"metadata\":{}}"));
            assertEquals("{\"clientBeatInterval\":5000,\"code\":10200,\"lightBeatEnabled\":true}", full.body());
            List<InstanceView> i = s.instances("", "G@@svc");
            assertEquals(1, i.size());
            assertEquals("c1", i.get(0).clusterName());
            assertEquals(2.0, i.get(0).weight());
        }
    }
}
