package org.nacosgi.itest.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;

/** Options for test clients: every local directory under the test's own temp dir, a unique client name. */
final class Clients {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Clients() {
    }

    /** Options for {@code servers} with files under {@code dir}, a short default timeout and no UDP push. */
    static ClientOptions.Builder options(Path dir, List<String> servers) {
        return ClientOptions.builder()
                .serverAddresses(servers)
                .clientName("rel" + SEQUENCE.incrementAndGet())
                .snapshotDir(dir.resolve("snapshot"))
                .failoverDir(dir.resolve("failover"))
                .namingCacheDir(dir.resolve("naming"))
                .defaultTimeout(Duration.ofSeconds(2))
                .pullingTimeout(Duration.ofSeconds(30))
                .pushEnabled(false);
    }

    static ClientOptions.Builder options(Path dir, String... servers) {
        return options(dir, List.of(servers));
    }

    static NacosClient create(ClientOptions.Builder options) {
        return NacosClients.create(options.build());
    }

    /** Names of this JVM's live threads that start with {@code nacosgi-}. */
    static List<String> nacosgiThreads() {
        return Threads.live().stream().filter(n -> n.startsWith("nacosgi-")).sorted()
                .collect(java.util.stream.Collectors.toList());
    }
}
