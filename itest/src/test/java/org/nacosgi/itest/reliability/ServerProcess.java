package org.nacosgi.itest.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@link ServerProcessMain} in a child JVM; {@link #close()} ends it. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start() throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // the JDK server closes connections beyond 200 idle ones without a "Connection: close": closed clients'
        // connections stay open until their HttpClient is collected (Java 11-20 cannot close one), so lift the cap
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dsun.net.httpserver.maxIdleConnections=100000", "-cp",
                classPath, ServerProcessMain.class.getName())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("port ") && !port.isDone()) {
                        port.complete(Integer.parseInt(line.substring(5).trim()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("the server process ended"));
        }, "server-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(p, port.get(Await.seconds(60).toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the testkit process did not start", e);
        }
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(Await.seconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
