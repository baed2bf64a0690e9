package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.ServiceQuery;

/** Subscription semantics against a scripted list endpoint (the testkit tests repeat them end to end). */
class SubscriptionTest {
    @TempDir
    Path dir;
    FakeTransport transport;
    FakeNamingServer server;
    FakeRuntime runtime;
    HttpNamingService naming;

    @BeforeEach
    void setUp() {
        transport = new FakeTransport();
        server = new FakeNamingServer();
        transport.handler = server;
        runtime = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .pushEnabled(false).clientName("sub").build(), transport);
        naming = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(naming);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    static Instance host(int port) {
        return Instance.builder("svc", "10.0.0.1", port).build();
    }

    static final class Recorder implements NamingListener {
        final BlockingQueue<NamingEvent> events = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(NamingEvent event) {
            events.add(event);
        }

        NamingEvent next() throws InterruptedException {
            NamingEvent e = events.poll(Timing.deadline().toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + Timing.deadline());
            }
            return e;
        }
    }

    @Test
    void firstEventReportsCurrentInstancesOnceThenOnlyChanges() throws Exception {
        server.set(host(1), host(2), host(3));
        Recorder r = new Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMillis(20));
        NamingEvent first = r.next();
        assertEquals(3, first.added().size(), "every current instance once, as added");
        assertTrue(first.removed().isEmpty() && first.modified().isEmpty());
        assertEquals(3, first.instances().size());
        long listsAfterFirst = server.lists.get();
        assertTrue(Timing.eventually(() -> server.lists.get() >= listsAfterFirst + 5), "polling goes on");
        assertTrue(r.events.isEmpty(), "unchanged polls report nothing: " + r.events);

        server.set(host(1), host(3).toBuilder().weight(5).build(), host(4));
        NamingEvent change = r.next();
        assertEquals(List.of(host(4)), change.added());
        assertEquals(List.of(host(2)), change.removed());
        assertEquals(1, change.modified().size());
        assertEquals(5.0, change.modified().get(0).weight(), "modified carries the new state");
        assertEquals(3, change.instances().size());
    }

    @Test
    void anEmptyServiceStillGetsItsFirstEvent() throws Exception {
        Recorder r = new Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMillis(20));
        NamingEvent first = r.next();
        assertTrue(first.added().isEmpty() && first.instances().isEmpty());
        server.set(host(7));
        assertEquals(List.of(host(7)), r.next().added());
    }

    @Test
    void aSecondListenerGetsItsOwnFirstEvent() throws Exception {
        server.set(host(1), host(2));
        Recorder a = new Recorder();
        naming.subscribe(a, ServiceQuery.of("svc"), Duration.ofSeconds(30));
        assertEquals(2, a.next().added().size());
        Recorder b = new Recorder();
        naming.subscribe(b, ServiceQuery.of("svc"), Duration.ofSeconds(30));
        assertEquals(2, b.next().added().size(), "a listener joining later sees the current instances as added");
        assertTrue(a.events.isEmpty(), "the first listener is not told again");
        assertEquals(1, naming.subscriptionCount());
    }

    @Test
    void aThrowingListenerStaysSubscribed() throws Exception {
        server.set(host(1));
        Recorder seen = new Recorder();
        NamingListener thrower = e -> {
            seen.onEvent(e);
            throw new IllegalStateException("listener bug");
        };
        naming.subscribe(thrower, ServiceQuery.of("svc"), Duration.ofMillis(20));
        seen.next();
        server.set(host(1), host(2));
        assertEquals(List.of(host(2)), seen.next().added(), "events keep coming after a throw");
        server.set(host(2));
        assertEquals(List.of(host(1)), seen.next().removed());
    }

    @Test
    void unsubscribingTheLastListenerStopsPolling() throws Exception {
        server.set(host(1));
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        naming.subscribe(a, ServiceQuery.of("svc"), Duration.ofMillis(20));
        naming.subscribe(b, ServiceQuery.of("svc"), Duration.ofMillis(20));
        a.next();
        b.next();
        assertTrue(naming.unsubscribe(ServiceQuery.of("svc"), a));
        assertEquals(1, naming.subscriptionCount(), "b still listens");
        long lists = server.lists.get();
        assertTrue(Timing.eventually(() -> server.lists.get() > lists + 2), "still polling for b");
        assertTrue(naming.unsubscribe("svc", b.name()));
        assertEquals(0, naming.subscriptionCount());
        ScheduledThreadPoolExecutor scheduler = (ScheduledThreadPoolExecutor) runtime.scheduler();
        assertTrue(Timing.eventually(() -> scheduler.getQueue().isEmpty()), "no poll stays scheduled");
        assertFalse(naming.unsubscribe("svc", b.name()), "nothing left to remove");
    }

    @Test
    void stopSubscribeEndsEverySubscription() throws Exception {
        Recorder a = new Recorder();
        naming.subscribe(a, ServiceQuery.of("svc"), Duration.ofMillis(20));
        naming.subscribe(a, ServiceQuery.of("other"), Duration.ofMillis(20));
        a.next();
        a.next();
        naming.stopSubscribe();
        assertEquals(0, naming.subscriptionCount());
        ScheduledThreadPoolExecutor scheduler = (ScheduledThreadPoolExecutor) runtime.scheduler();
        assertTrue(Timing.eventually(() -> scheduler.getQueue().isEmpty()));
    }

    @Test
    void healthyOnlyIsFilteredOnTheClientToo() throws Exception {
        server.set(host(1), host(2).toBuilder().healthy(false).build());
        Recorder r = new Recorder();
        naming.subscribe(r, ServiceQuery.builder("svc").healthyOnly(true).build(), Duration.ofMillis(20));
        assertEquals(List.of(host(1)), r.next().instances());
    }

    @Test
    void serverDownAtSubscribeDeliversFromTheDiskCacheThenTheServer() throws Exception {
        server.set(host(1), host(2));
        assertEquals(2, naming.listNamingInstance(ServiceQuery.of("svc")).hosts().size()); // writes the cache
        server.down = true;
        Recorder r = new Recorder();
        naming.subscribe(r, ServiceQuery.of("svc"), Duration.ofMillis(20));
        assertEquals(2, r.next().added().size(), "first event from the disk cache");
        server.set(host(1));
        server.down = false;
        assertEquals(List.of(host(2)), r.next().removed(), "then the server's changes");
    }
}
