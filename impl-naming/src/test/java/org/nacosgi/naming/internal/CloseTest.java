package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;

/** A plain-Java client (service-loaded transport and naming) leaves no thread and no socket behind. */
class CloseTest {
    @TempDir
    Path dir;

    static List<String> threadsOf(String client) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("nacosgi-" + client + "-")).collect(Collectors.toList());
    }

    @Test
    void closeLeavesNoThreadAndNoOpenSocket() throws Exception {
        // nothing listens on port 1: every call fails over quickly, which is the worst case for stray work
        NacosClient client = NacosClients.create(ClientOptions.builder().serverAddr("127.0.0.1:1")
                .defaultTimeout(Duration.ofMillis(500)).namingCacheDir(dir).clientName("leak").build());
        NamingService naming = client.naming();
        naming.subscribe(e -> { }, ServiceQuery.of("svc"), Duration.ofMillis(50));
        ((HttpNamingService) naming).addNamingInstanceInBackground(Instance.builder("svc", "10.0.0.1", 80).build(),
                Duration.ofMillis(50));
        int port = ((HttpNamingService) naming).pushPort();
        assertTrue(port > 0, "subscribing opened the push socket");
        assertTrue(threadsOf("leak").stream().anyMatch(n -> n.startsWith("nacosgi-leak-udp-")), threadsOf("leak").toString());

        client.close();
        assertThrows(IllegalStateException.class, () -> naming.listNamingInstance(ServiceQuery.of("svc")));
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(port))) {
            assertEquals(port, again.getLocalPort(), "the push port is free again");
        }
        assertTrue(Timing.eventually(() -> {
            System.gc();
            return threadsOf("leak").isEmpty();
        }), () -> "threads left: " + threadsOf("leak"));
        client.close(); // idempotent
    }
}
