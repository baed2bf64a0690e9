package org.nacosgi.naming.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;
import org.nacosgi.testkit.RecordedRequest;

/**
 * The testkit in its own JVM, so the benchmark JVM measures only the clients' CPU and heap. Commands on stdin,
 * one answer line each on stdout: {@code beats} (beats per client since the last call, by User-Agent),
 * {@code count <group@@service>}, {@code restart}, {@code quit}.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        NacosTestServer server = NacosTestServer.builder().listDelay(Duration.ZERO).generation(Generation.V2).start();
        System.out.println("READY " + server.serverAddr());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "beats":
                    long ours = 0;
                    long seed = 0;
                    for (RecordedRequest r : server.requests()) {
                        if (r.path().endsWith("/v1/ns/instance/beat")) {
                            if (r.header("User-Agent").orElse("").contains("nacosgi/")) {
                                ours++;
                            } else {
                                seed++;
                            }
                        }
                    }
                    server.clearRequests();
                    System.out.println(ours + " " + seed);
                    break;
                case "clear":
                    server.clearRequests();
                    System.out.println("OK");
                    break;
                case "count":
                    System.out.println(server.instances("", cmd[1]).size());
                    break;
                case "restart":
                    server.restart(true);
                    server.clearRequests();
                    System.out.println("OK");
                    break;
                case "quit":
                    server.stop();
                    System.out.println("BYE");
                    System.exit(0);
                    break;
                default:
                    System.out.println("ERR unknown command " + cmd[0]);
            }
            System.out.flush();
        }
        server.stop();
    }
}
