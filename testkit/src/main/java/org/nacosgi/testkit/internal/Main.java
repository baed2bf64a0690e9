package org.nacosgi.testkit.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;

/**
 * {@code java -jar nacosgi-testkit-all.jar --port 8848 [--context-path /nacos] [--generation 1|2|3.0|3.2]
 * [--auth USER:PASS] [--token-ttl S]}: runs a testkit until the process is stopped.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        NacosTestServer.Builder b;
        try {
            b = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nacosgi-testkit: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        NacosTestServer server = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "nacosgi-testkit-shutdown"));
        System.out.println("nacosgi testkit (" + server.generation() + ") listening on " + server.baseUrl()
                + ", UDP push from port " + server.udpPort());
        stopped.await();
    }

    static String usage() {
        return "usage: java -jar nacosgi-testkit-all.jar --port <port> [--context-path /nacos] "
                + "[--generation 1|2|3.0|3.2] [--auth USER:PASS] [--token-ttl SECONDS]";
    }

    static NacosTestServer.Builder parse(String[] args) {
        NacosTestServer.Builder b = NacosTestServer.builder().port(8848);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--help".equals(a) || "-h".equals(a)) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--port":
                    b.port(parseInt(a, v));
                    break;
                case "--context-path":
                    b.contextPath(v);
                    break;
                case "--generation":
                    b.generation(Generation.parse(v));
                    break;
                case "--auth":
                    int colon = v.indexOf(':');
                    if (colon <= 0 || colon == v.length() - 1) {
                        throw new IllegalArgumentException("--auth must be USER:PASS");
                    }
                    b.auth(v.substring(0, colon), v.substring(colon + 1));
                    break;
                case "--token-ttl":
                    b.tokenTtl(Duration.ofSeconds(parseInt(a, v)));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return b;
    }

    private static int parseInt(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + v + "'", e);
        }
    }
}
