package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.NacosTestServer;

/**
 * Listeners registered twice, removed twice, removed while being called (from inside the call and from another
 * thread while the call blocks). Later changes are barriers: a listener that should not see a change is checked
 * after another listener saw it (events are delivered in order).
 */
class ListenerLifecycleTest {
    @TempDir
    Path dir;
    private NacosTestServer server;
    private NacosClient client;

    @BeforeEach
    void start() {
        server = Servers.start();
        client = Clients.create(Clients.options(dir, server.serverAddr()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void put(String content) {
        server.putConfig("", "DEFAULT_GROUP", "k", content, "text");
    }

    @Test
    void configListenerAddedTwiceIsCalledTwiceAndRemovedOneRegistrationAtATime() {
        put("v1");
        Recorder twice = new Recorder();
        Recorder barrier = new Recorder();
        client.config().addConfigWatcher("k", null, twice);
        client.config().addConfigWatcher("k", null, twice);
        client.config().addConfigWatcher("k", null, barrier);
        Await.until("current content to each registration", Duration.ofSeconds(10), () -> twice.count("v1") == 2);
        put("v2");
        Await.until("v2 twice", Duration.ofSeconds(10), () -> twice.count("v2") == 2);

        assertTrue(client.config().removeConfigWatcher("k", null, twice, false), "first removal");
        put("v3");
        Await.until("barrier sees v3", Duration.ofSeconds(10), () -> barrier.saw("v3"));
        Await.until("v3 once", Duration.ofSeconds(10), () -> twice.count("v3") == 1);
        assertTrue(client.config().removeConfigWatcher("k", null, twice, false), "second removal");
        assertFalse(client.config().removeConfigWatcher("k", null, twice, false), "nothing left to remove");
        assertFalse(client.config().removeConfigWatcher("k", null, twice, true), "removeAll of nothing");
        put("v4");
        Await.until("barrier sees v4", Duration.ofSeconds(10), () -> barrier.saw("v4"));
        assertEquals(List.of("v1", "v1", "v2", "v2", "v3"), twice.contents());
    }

    @Test
    void configListenerRemovingItselfDuringItsCall() {
        put("v1");
        AtomicBoolean removed = new AtomicBoolean();
        Recorder self = new Recorder();
        Recorder barrier = new Recorder();
        ConfigListener[] holder = new ConfigListener[1];
        holder[0] = event -> {
            self.onChange(event);
            if (event.content().orElse("").equals("v2")) {
                removed.set(client.config().removeConfigWatcher("k", null, holder[0], false));
            }
        };
        client.config().addConfigWatcher("k", null, holder[0]);
        client.config().addConfigWatcher("k", null, barrier);
        Await.until("v1", Duration.ofSeconds(10), () -> self.saw("v1"));
        put("v2");
        Await.until("removed during its call", Duration.ofSeconds(10), removed::get);
        put("v3");
        Await.until("barrier sees v3", Duration.ofSeconds(10), () -> barrier.saw("v3"));
        assertEquals(List.of("v1", "v2"), self.contents());
        assertFalse(client.config().removeConfigWatcher("k", null, holder[0], false), "already removed");
    }

    @Test
    void configListenerRemovedFromAnotherThreadWhileItsCallBlocks() throws Exception {
        put("v1");
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder blocking = new Recorder();
        Recorder barrier = new Recorder();
        ConfigListener listener = event -> {
            blocking.onChange(event);
            if (event.content().orElse("").equals("v2")) {
                inCall.countDown();
                try {
                    release.await(Await.seconds(30).toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        client.config().addConfigWatcher("k", null, listener);
        client.config().addConfigWatcher("k", null, barrier);
        Await.until("v1", Duration.ofSeconds(10), () -> blocking.saw("v1"));
        put("v2");
        assertTrue(inCall.await(Await.seconds(10).toMillis(), TimeUnit.MILLISECONDS));
        long started = System.nanoTime();
        assertTrue(client.config().removeConfigWatcher("k", null, listener, false));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < Await.scaled(Duration.ofSeconds(1)).toMillis(),
                "removal does not wait for the running call: " + millis + " ms");
        release.countDown();
        put("v3");
        Await.until("barrier sees v3", Duration.ofSeconds(10), () -> barrier.saw("v3"));
        assertEquals(List.of("v1", "v2"), blocking.contents());
    }

    @Test
    void namingListenerSubscribedTwiceGetsEachChangeOnceAndUnsubscribesOnce() throws Exception {
        client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
        Recorder twice = new Recorder();
        Recorder barrier = new Recorder();
        ServiceQuery q = ServiceQuery.of("svc");
        client.naming().subscribe(twice, q, Duration.ofMillis(100));
        client.naming().subscribe(twice, q, Duration.ofMillis(100));
        client.naming().subscribe(barrier, q, Duration.ofMillis(100));
        Await.until("first events", Duration.ofSeconds(10),
                () -> !twice.namingEvents().isEmpty() && !barrier.namingEvents().isEmpty());
        client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.2", 2).build());
        Await.until("barrier sees the second instance", Duration.ofSeconds(10),
                () -> barrier.lastInstancesMatch(l -> l.size() == 2));
        Await.until("the listener too", Duration.ofSeconds(10), () -> twice.lastInstancesMatch(l -> l.size() == 2));
        assertEquals(barrier.namingEvents().size(), twice.namingEvents().size(),
                "a second subscribe of the same listener does not double its events");

        assertTrue(client.naming().unsubscribe(q, twice));
        assertFalse(client.naming().unsubscribe(q, twice), "unsubscribed twice");
        int before = twice.namingEvents().size();
        client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.3", 3).build());
        Await.until("barrier sees the third instance", Duration.ofSeconds(10),
                () -> barrier.lastInstancesMatch(l -> l.size() == 3));
        assertEquals(before, twice.namingEvents().size(), "no event after unsubscribing");
    }

    @Test
    void namingListenerUnsubscribingItselfDuringItsCall() {
        client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.1", 1).build());
        ServiceQuery q = ServiceQuery.of("svc");
        Recorder barrier = new Recorder();
        Recorder self = new Recorder();
        AtomicBoolean removed = new AtomicBoolean();
        NamingListener[] holder = new NamingListener[1];
        holder[0] = event -> {
            self.onEvent(event);
            removed.set(client.naming().unsubscribe(q, holder[0]));
        };
        client.naming().subscribe(holder[0], q, Duration.ofMillis(100));
        client.naming().subscribe(barrier, q, Duration.ofMillis(100));
        Await.until("removed during its first call", Duration.ofSeconds(10), removed::get);
        client.naming().addNamingInstance(Instance.builder("svc", "10.0.0.2", 2).build());
        Await.until("barrier sees the change", Duration.ofSeconds(10),
                () -> barrier.lastInstancesMatch(l -> l.size() == 2));
        assertEquals(1, self.namingEvents().size(), "no event after it unsubscribed itself");
        Set<Integer> ports = self.namingEvents().get(0).instances().stream().map(Instance::port)
                .collect(Collectors.toSet());
        assertEquals(Set.of(1), ports);
    }
}
