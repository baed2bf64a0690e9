package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.spi.NacosRequest;
import org.nacosgi.api.spi.NacosRequest.Method;
import org.nacosgi.api.spi.ServerGeneration;

/** Heartbeats against a scripted server: interval, light beats, re-registration, stop. */
class BeatSchedulerTest {
    @TempDir
    Path dir;
    FakeTransport transport;
    FakeRuntime runtime;
    HttpNamingService naming;
    final AtomicInteger beats = new AtomicInteger();
    volatile int lostOnBeat = -1;
    volatile long serverInterval = 20;
    final CountDownLatch reRegistered = new CountDownLatch(1);
    final AtomicInteger registrations = new AtomicInteger();

    @BeforeEach
    void setUp() {
        transport = new FakeTransport();
        transport.handler = r -> {
            if (r.path().equals(V1InstanceApi.BEAT)) {
                int n = beats.incrementAndGet();
                int code = n == lostOnBeat ? 20404 : 10200;
                return FakeTransport.ok("{\"clientBeatInterval\":" + serverInterval + ",\"code\":" + code
                        + ",\"lightBeatEnabled\":true}");
            }
            if (r.path().equals(V3InstanceApi.INSTANCE) && "true".equals(r.form().get("heartBeat"))) {
                int n = beats.incrementAndGet();
                return FakeTransport.ok(n == lostOnBeat ? "{\"code\":21003,\"message\":\"instance not found\",\"data\":null}"
                        : "{\"code\":0,\"message\":\"success\",\"data\":\"ok\"}");
            }
            if (r.method() == Method.POST) {
                if (registrations.incrementAndGet() > 1) {
                    reRegistered.countDown();
                }
                return FakeTransport.ok(r.path().startsWith("/v3") ? "{\"code\":0,\"message\":\"success\",\"data\":\"ok\"}" : "ok");
            }
            return FakeTransport.ok(r.path().startsWith("/v3") ? "{\"code\":0,\"message\":\"success\",\"data\":\"ok\"}" : "ok");
        };
        runtime = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .pushEnabled(false).clientName("beat").build(), transport);
        naming = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(naming);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private List<NacosRequest> beatRequests() {
        return transport.requests.stream().filter(r -> r.path().equals(V1InstanceApi.BEAT)).collect(Collectors.toList());
    }

    @Test
    void intervalFollowsTheServerAndBeatsTurnLight() throws Exception {
        Instance i = Instance.builder("svc", "10.0.0.1", 80).build();
        naming.addNamingInstance(i, Duration.ofMillis(50));
        assertTrue(Timing.eventually(() -> beats.get() >= 5), "beats at the server's 20 ms: " + beats.get());
        List<NacosRequest> sent = beatRequests();
        assertTrue(sent.get(0).form().containsKey("beat"), "the first beat carries the instance");
        assertTrue(sent.get(0).form().get("beat").contains("\"period\":50"), sent.get(0).form().toString());
        for (NacosRequest r : sent.subList(1, sent.size())) {
            assertFalse(r.form().containsKey("beat"), "lightBeatEnabled: later beats are light");
            assertEquals("10.0.0.1", r.query().get("ip"));
            assertEquals("DEFAULT_GROUP@@svc", r.query().get("serviceName"));
            assertEquals("DEFAULT", r.query().get("clusterName"));
        }
    }

    @Test
    void code20404RegistersAgainAtOnce() throws Exception {
        lostOnBeat = 3;
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 80).putMetadata("k", "v").build(), Duration.ofMillis(20));
        assertTrue(Timing.await(reRegistered), "20404 triggers a registration");
        NacosRequest again = transport.requests.stream()
                .filter(r -> r.method() == Method.POST && r.path().equals(V1InstanceApi.INSTANCE)).skip(1).findFirst().orElseThrow();
        assertEquals("{\"k\":\"v\"}", again.form().get("metadata"), "re-registered with its details");
        int after = beats.get();
        assertTrue(Timing.eventually(() -> beats.get() > after + 2), "beats continue after the re-registration");
        // the beat after a re-registration carries the details again
        List<NacosRequest> sent = beatRequests();
        assertTrue(sent.get(3).form().containsKey("beat"), "first beat after re-registration is full");
    }

    @Test
    void v3ClientApiBeatsWithHeartBeatTrueAndReRegistersOn21003() throws Exception {
        transport.generation = ServerGeneration.V3_ONLY;
        lostOnBeat = 2;
        naming.addNamingInstance(Instance.builder("G@@svc", "10.0.0.1", 80).build(), Duration.ofMillis(20));
        assertTrue(Timing.await(reRegistered), "21003 triggers a registration");
        NacosRequest first = transport.requests.get(0);
        assertEquals(V3InstanceApi.INSTANCE, first.path());
        assertEquals("svc", first.form().get("serviceName"), "v3 does not split group@@service: send it apart");
        assertEquals("G", first.form().get("groupName"));
        assertEquals(0, transport.count(Method.PUT, V1InstanceApi.BEAT));
    }

    @Test
    void removeStopsTheHeartbeatAtOnce() throws Exception {
        Instance i = Instance.builder("svc", "10.0.0.1", 80).build();
        naming.addNamingInstance(i, Duration.ofMillis(10));
        assertTrue(Timing.eventually(() -> beats.get() >= 2));
        naming.removeNamingInstance(i);
        assertEquals(0, naming.beatingInstances());
        assertEquals(1, transport.count(Method.DELETE, V1InstanceApi.INSTANCE));
        ScheduledThreadPoolExecutor scheduler = (ScheduledThreadPoolExecutor) runtime.scheduler();
        assertTrue(Timing.eventually(() -> scheduler.getQueue().isEmpty()), "no beat stays scheduled");
    }

    @Test
    void persistentInstancesGetNoHeartbeat() {
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 80).ephemeral(false).build(), Duration.ofMillis(10));
        assertEquals(0, naming.beatingInstances());
        assertEquals(1, transport.requests.size());
        assertEquals("false", transport.requests.get(0).form().get("ephemeral"));
    }

    @Test
    void closeDeregistersEphemeralInstances() {
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 80).build(), Duration.ofSeconds(30));
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 81).build(), Duration.ofSeconds(30));
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 82).ephemeral(false).build(), Duration.ofSeconds(30));
        runtime.close();
        assertEquals(2, transport.count(Method.DELETE, V1InstanceApi.INSTANCE), "the two ephemeral ones");
    }

    @Test
    void registrationDefaultsToTheDefaultClusterNeverNone() {
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 80).clusterName(null).ephemeral(false).build());
        NacosRequest r = transport.requests.get(0);
        assertEquals("DEFAULT", r.form().get("clusterName"));
        assertEquals("DEFAULT_GROUP@@svc", r.form().get("serviceName"));
        assertEquals("DEFAULT_GROUP", r.form().get("groupName"));
        assertEquals("true", r.form().get("enabled"));
        assertEquals("true", r.form().get("healthy"));
        assertEquals("1.0", r.form().get("weight"));
        assertEquals("{}", r.form().get("metadata"));
        assertFalse(r.form().containsKey("namespaceId"), "public namespace: no parameter");
    }

    @Test
    void atMostMaxInFlightCallsAreOutstanding() throws Exception {
        transport.holdAsync = true;
        for (int k = 0; k < BeatScheduler.MAX_IN_FLIGHT + 24; k++) {
            naming.addNamingInstanceInBackground(Instance.builder("burst", "10.0.0.1", 1000 + k).build(),
                    Duration.ofSeconds(30));
        }
        assertTrue(Timing.eventually(() -> transport.held.size() == BeatScheduler.MAX_IN_FLIGHT));
        int completed = 0;
        while (completed < BeatScheduler.MAX_IN_FLIGHT + 24) {
            FakeTransport.Held h = transport.held.poll(Timing.deadline().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertTrue(h != null, "the queue drains as calls complete; completed " + completed);
            assertTrue(transport.held.size() < BeatScheduler.MAX_IN_FLIGHT, "never more than MAX_IN_FLIGHT outstanding");
            h.future.complete(FakeTransport.ok("ok"));
            completed++;
        }
        assertEquals(BeatScheduler.MAX_IN_FLIGHT + 24, transport.count(Method.POST, V1InstanceApi.INSTANCE));
    }

    @Test
    void aLostInstanceBringsTheOtherBeatsForward() throws Exception {
        serverInterval = 60_000;
        lostOnBeat = 1;
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.2", 81).build(), Duration.ofSeconds(60));
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.3", 82).build(), Duration.ofSeconds(60));
        naming.addNamingInstance(Instance.builder("svc", "10.0.0.1", 80).build(), Duration.ofMillis(20));
        assertTrue(Timing.await(reRegistered), "the lost one registers again");
        assertTrue(Timing.eventually(() -> beats.get() >= 3),
                "the others beat at once instead of in 60 s (a restarted server lost them too): " + beats.get());
        List<String> ports = beatRequests().stream().map(r -> r.query().get("port")).collect(Collectors.toList());
        assertTrue(ports.containsAll(List.of("81", "82")), ports.toString());
    }
}
