package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nacosgi.transport.internal.TestServer.reply;

import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

class HttpClientRuntimeTest {
    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .collect(Collectors.toList());
    }

    private static List<String> selectorThreads() {
        return threadsNamed("HttpClient-").stream().filter(n -> n.endsWith("-SelectorManager"))
                .collect(Collectors.toList());
    }

    @Test
    void closeLeavesNoThreadOfTheClientAndTheHttpClientIsCollected() throws Exception {
        String name = "leak" + System.nanoTime() % 100000;
        List<String> selectorsBefore = selectorThreads();
        try (TestServer s = TestServer.start().fallback(r -> reply(200, "ok"))) {
            HttpClientRuntime rt = (HttpClientRuntime) new HttpRuntimeFactory().create(
                    ClientOptions.builder().serverAddr(s.address()).clientName(name).callbackThreadNum(3).build());
            // use every pool: HTTP calls, the scheduler, callbacks and a role thread
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", rt.transport().send(NacosRequest.get("/v1/ns/operator/metrics").build()).body());
            }
            CountDownLatch ran = new CountDownLatch(3);
            rt.scheduler().schedule(ran::countDown, 1, TimeUnit.MILLISECONDS);
            rt.callbackExecutor().execute(ran::countDown);
            Thread udp = rt.threadFactory("udp").newThread(ran::countDown);
            udp.start();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            udp.join(5000);
            assertFalse(threadsNamed("nacosgi-" + name + "-").isEmpty());
            assertTrue(threadsNamed("nacosgi-" + name + "-").stream().allMatch(
                    n -> n.matches("nacosgi-" + name + "-(http|scheduler|callback|udp)-\\d+")),
                    threadsNamed("nacosgi-" + name + "-").toString());
            WeakReference<HttpClient> client = new WeakReference<>(rt.httpClientForTest());

            rt.close();
            rt = null;

            boolean gone = Timing.await(Duration.ofSeconds(10), () -> {
                System.gc();
                return threadsNamed("nacosgi-" + name + "-").isEmpty() && client.get() == null;
            });
            assertTrue(gone, "alive: " + threadsNamed("nacosgi-" + name + "-") + ", client collected: "
                    + (client.get() == null));
            // the HttpClient's own selector thread ends once the client is unreachable
            assertTrue(Timing.await(Duration.ofSeconds(10), () -> {
                System.gc();
                return selectorThreads().stream().allMatch(selectorsBefore::contains);
            }), "selector threads " + selectorThreads() + " before " + selectorsBefore);
        }
    }

    @Test
    void closeIsIdempotentClosesResourcesNewestFirstAndCarriesOnPastFailures() {
        ClientRuntime rt = new HttpRuntimeFactory().create(
                ClientOptions.builder().serverAddr("127.0.0.1:1").clientName("order").build());
        List<String> closed = new ArrayList<>();
        rt.onClose(() -> closed.add("first"));
        rt.onClose(() -> {
            closed.add("failing");
            throw new IllegalStateException("boom");
        });
        rt.onClose(() -> closed.add("last"));
        NacosException e = assertThrows(NacosException.class, rt::close);
        assertEquals("boom", e.getCause().getMessage());
        assertEquals(List.of("last", "failing", "first"), closed);
        assertTrue(rt.isClosed());
        rt.close(); // second call: nothing, no throw
        assertEquals(3, closed.size());
        assertThrows(IllegalStateException.class, () -> rt.onClose(() -> { }));
        assertTrue(rt.scheduler().isShutdown());
    }

    @Test
    void threadFactoryNamesDaemonThreadsAndRefusesBadRoles() {
        try (ClientRuntime rt = new HttpRuntimeFactory().create(
                ClientOptions.builder().serverAddr("127.0.0.1:1").clientName("names").build())) {
            Thread t1 = rt.threadFactory("push").newThread(() -> { });
            Thread t2 = rt.threadFactory("push").newThread(() -> { });
            assertEquals("nacosgi-names-push-1", t1.getName());
            assertEquals("nacosgi-names-push-2", t2.getName());
            assertTrue(t1.isDaemon());
            assertThrows(IllegalArgumentException.class, () -> rt.threadFactory("bad role"));
            assertThrows(IllegalArgumentException.class, () -> rt.threadFactory(null));
        }
    }

    @Test
    void callbackPoolIsBoundedByCallbackThreadNum() throws Exception {
        try (ClientRuntime rt = new HttpRuntimeFactory().create(ClientOptions.builder().serverAddr("127.0.0.1:1")
                .clientName("cb").callbackThreadNum(2).build())) {
            CountDownLatch block = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(2);
            CountDownLatch third = new CountDownLatch(1);
            rt.callbackExecutor().execute(() -> { started.countDown(); await(block); });
            rt.callbackExecutor().execute(() -> { started.countDown(); await(block); });
            rt.callbackExecutor().execute(third::countDown);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertFalse(third.await(100, TimeUnit.MILLISECONDS), "a third task ran beside two busy threads");
            block.countDown();
            assertTrue(third.await(5, TimeUnit.SECONDS));
            assertEquals(2, threadsNamed("nacosgi-cb-callback-").size());
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
