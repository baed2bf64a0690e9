package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerRotationTest {
    private final ServerAddress a = ServerAddress.parse("a", "/nacos", "s");
    private final ServerAddress b = ServerAddress.parse("b", "/nacos", "s");
    private final ServerAddress c = ServerAddress.parse("c", "/nacos", "s");
    private final List<ServerAddress> servers = List.of(a, b, c);
    private final AtomicLong clock = new AtomicLong();

    private ServerRotation rotation(int randomStart) {
        return new ServerRotation(randomStart, Duration.ofSeconds(10), clock::get);
    }

    @Test
    void startsAtTheRandomServerAndKeepsListOrder() {
        assertEquals(List.of(b, c, a), rotation(1).order(servers));
        assertEquals(List.of(c, a, b), rotation(5).order(servers));
        Set<ServerAddress> starts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            starts.add(rotation(i).order(servers).get(0));
        }
        assertEquals(Set.copyOf(servers), starts, "every server can be the first");
    }

    @Test
    void staysOnTheServerThatAnswered() {
        ServerRotation r = rotation(0);
        r.succeeded(c);
        assertEquals(List.of(c, a, b), r.order(servers));
        assertEquals(List.of(c, a, b), r.order(servers));
    }

    @Test
    void aFailedServerGoesLastUntilItsMarkRunsOut() {
        ServerRotation r = rotation(0);
        r.order(servers);
        r.failed(a, servers);
        assertTrue(r.isMarkedDown(a));
        assertEquals(List.of(b, c, a), r.order(servers), "the next server is sticky, the failed one last");
        r.succeeded(b);
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(List.of(b, c, a), r.order(servers));
        r.failed(b, servers);
        assertEquals(List.of(c, a, b), r.order(servers), "both marked: the earlier-marked one comes back first");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(r.isMarkedDown(a));
        assertEquals(List.of(c, a, b), r.order(servers));
    }

    @Test
    void allMarkedStillTriesAllEarliestRecoveryFirst() {
        ServerRotation r = rotation(0);
        r.order(servers);
        r.failed(a, servers);
        clock.addAndGet(1);
        r.failed(b, servers);
        clock.addAndGet(1);
        r.failed(c, servers);
        assertEquals(List.of(a, b, c), r.order(servers));
    }

    @Test
    void aStickyServerThatLeftTheListIsReplaced() {
        ServerRotation r = rotation(0);
        r.succeeded(c);
        List<ServerAddress> shrunk = List.of(a, b);
        assertEquals(2, r.order(shrunk).size());
        assertTrue(shrunk.contains(r.order(shrunk).get(0)));
    }
}
