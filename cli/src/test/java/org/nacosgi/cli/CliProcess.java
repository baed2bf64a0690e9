package org.nacosgi.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The real {@code nacosgi-cli.jar} run as a process: {@code java -jar}, its own home, a controlled environment. */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final CompletableFuture<String> stderr;
    private final CompletableFuture<Void> stdoutDone;

    private CliProcess(Process process) {
        this.process = process;
        this.stdoutDone = CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                int c;
                StringBuilder line = new StringBuilder();
                while ((c = r.read()) >= 0) {
                    stdout.append((char) c);
                    if (c == '\n') {
                        stdoutLines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            } catch (IOException closedByDestroy) {
                // Process.destroy() closes the pipes: what was read is what we have
            }
        });
        this.stderr = CompletableFuture.supplyAsync(() -> {
            StringBuilder err = new StringBuilder();
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                int c;
                while ((c = r.read()) >= 0) {
                    err.append((char) c);
                }
            } catch (IOException closedByDestroy) {
                // as above
            }
            return err.toString();
        });
    }

    /** Starts the jar with {@code env} as the only NACOS_* variables and {@code stdin} (may be null) as input. */
    static CliProcess start(Map<String, String> env, String stdin, String... args) throws IOException {
        Path jar = Paths.get(System.getProperty("cli.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " missing: the tests run after package");
        Path home = Paths.get(System.getProperty("cli.work", "target/cli-work")).resolve("home");
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home.toAbsolutePath(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("NACOS_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new CliProcess(p);
    }

    /** Runs to completion within a deadline. */
    static Result run(Map<String, String> env, String stdin, String... args) throws Exception {
        try (CliProcess p = start(env, stdin, args)) {
            return p.await(Timing.seconds(60));
        }
    }

    static Result run(String... args) throws Exception {
        return run(Map.of(), null, args);
    }

    /** The next line the process prints, within a deadline; fails the test when none comes. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = stdoutLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(line != null, "no output line within " + timeout + "; stdout so far: " + stdout);
        return line;
    }

    Result await(Duration timeout) throws Exception {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(exited, "the cli did not exit within " + timeout + "; stdout so far: " + stdout);
        stdoutDone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Result(process.exitValue(), stdout.toString(), stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** SIGTERM, as Ctrl-C would: the JVM runs its shutdown hooks. */
    Result terminate(Duration timeout) throws Exception {
        process.destroy();
        return await(timeout);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
