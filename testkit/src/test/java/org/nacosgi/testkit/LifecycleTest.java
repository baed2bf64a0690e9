package org.nacosgi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static Set<String> testkitThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("nacosgi-testkit-")).collect(Collectors.toSet());
    }

    @Test
    void stopStopsEveryThreadTheServerStartedAndTwoServersShareNothing() throws Exception {
        Set<String> before = testkitThreads();
        NacosTestServer a = NacosTestServer.builder().dumpDelay(Duration.ZERO).start();
        NacosTestServer b = NacosTestServer.builder().dumpDelay(Duration.ZERO).start();
        a.putConfig("", "G", "d", "from-a", null);
        assertTrue(b.config("", "G", "d").isEmpty(), "two servers in one JVM share no state");
        Set<String> running = testkitThreads();
        running.removeAll(before);
        assertTrue(running.stream().anyMatch(n -> n.contains("-http-") || n.contains("-jdk-")), running.toString());
        assertTrue(running.stream().anyMatch(n -> n.contains("-scheduler-")), running.toString());
        assertTrue(running.stream().anyMatch(n -> n.contains("-udp-")), running.toString());
        a.close();
        b.stop();
        b.stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Http.scaled(5000));
        Set<String> left = testkitThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = testkitThreads();
            left.removeAll(before);
        }
        assertEquals(Set.of(), left, "threads left after stop()");
    }

    @Test
    void builderNamesTheBadArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NacosTestServer.builder().port(70000));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NacosTestServer.builder().unhealthyAfter(Duration.ofSeconds(5)).removeAfter(Duration.ofSeconds(1))
                        .start());
        assertTrue(e.getMessage().contains("removeAfter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Generation.parse("7.x"));
        assertTrue(e.getMessage().contains("7.x"), e.getMessage());
        assertEquals(Generation.V3_0, Generation.parse("3.0.3"));
        assertEquals(Generation.V3_0, Generation.parse("3.1"));
        assertEquals(Generation.V3_2, Generation.parse("3.2"));
        assertEquals(Generation.V2, Generation.parse("2.5.1"));
        assertEquals(Generation.V1, Generation.parse("1"));
    }
}
