package org.nacosgi.itest.reliability;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import org.nacosgi.testkit.NacosTestServer;

/**
 * The child JVM of {@link SnapshotCrashTest}: a testkit and a client in one process, changing large configs and
 * reading them (each read replaces the snapshot file) in a loop until it is killed. Prints "round N" after each
 * round so the parent knows when to kill it.
 */
public final class SnapshotWriterMain {
    static final int KEYS = 4;
    /** Large enough that writing one file takes many write calls. */
    private static final int SIZE = 512 * 1024;

    private SnapshotWriterMain() {
    }

    /** The content of {@code key} in {@code round}: a header, filler derived from both, a trailer. */
    static String content(int key, int round) {
        String header = "key=" + key + " round=" + round + "\n";
        StringBuilder b = new StringBuilder(SIZE + 64).append(header);
        char c = (char) ('a' + (key * 7 + round) % 26);
        while (b.length() < SIZE) {
            b.append(c).append(round % 10);
        }
        return b.append("\nend key=").append(key).append(" round=").append(round).toString();
    }

    /** The round a complete content belongs to, or -1 when the text is not exactly some round's content. */
    static int roundOf(int key, String text) {
        if (!text.startsWith("key=" + key + " round=")) {
            return -1;
        }
        int nl = text.indexOf('\n');
        int round;
        try {
            round = Integer.parseInt(text.substring(("key=" + key + " round=").length(), nl));
        } catch (RuntimeException e) {
            return -1;
        }
        return content(key, round).equals(text) ? round : -1;
    }

    public static void main(String[] args) {
        Path snapshots = Paths.get(args[0]);
        try (NacosTestServer server = NacosTestServer.builder().dumpDelay(Duration.ZERO).start();
                NacosClient client = NacosClients.create(ClientOptions.builder().serverAddr(server.serverAddr())
                        .clientName("writer").snapshotDir(snapshots)
                        .failoverDir(snapshots.resolveSibling("failover"))
                        .namingCacheDir(snapshots.resolveSibling("naming")).build())) {
            for (int round = 0; ; round++) {
                for (int key = 0; key < KEYS; key++) {
                    server.putConfig("", "DEFAULT_GROUP", "big" + key, content(key, round), "text");
                    if (!client.config().getConfig("big" + key).equals(content(key, round))) {
                        throw new IllegalStateException("read back another content");
                    }
                }
                System.out.println("round " + round);
                System.out.flush();
            }
        }
    }
}
