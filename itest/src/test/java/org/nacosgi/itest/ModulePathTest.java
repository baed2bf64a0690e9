package org.nacosgi.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nacosgi.itest.support.IsolatedTestkit;
import org.nacosgi.itest.support.Timing;

/**
 * A user's application module, compiled against the api jar alone and run as {@code java -p ... -m ...} (no class
 * path, no --add-opens), creates a client with NacosClients and reads, publishes, watches and registers.
 */
class ModulePathTest {
    private static final List<String> MODULE_JARS = List.of("nacosgi-api.jar", "nacosgi-transport.jar",
            "nacosgi-config.jar", "nacosgi-naming.jar", "jakarta.json-api.jar", "parsson.jar");
    private static IsolatedTestkit nacos;

    @BeforeAll
    static void startServer() {
        nacos = IsolatedTestkit.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        nacos.close();
    }

    @Test
    void applicationModuleUsesTheClientThroughTheApiOnly() throws Exception {
        Path bundles = Paths.get(System.getProperty("itest.bundles"));
        Path work = Paths.get(System.getProperty("itest.work")).resolve("jpms");
        Path classes = work.resolve("classes");
        compile(Paths.get(System.getProperty("itest.jpms.src")), classes,
                bundles.resolve("nacosgi-api.jar") + File.pathSeparator + bundles.resolve("jakarta.json-api.jar"));

        List<String> modulePath = new ArrayList<>();
        modulePath.add(classes.toString());
        MODULE_JARS.forEach(j -> modulePath.add(bundles.resolve(j).toString()));
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", String.join(File.pathSeparator, modulePath),
                "-m", "org.nacosgi.itest.app/org.nacosgi.itest.app.Main",
                nacos.serverAddr(), work.resolve("client").toString(),
                Long.toString(Timing.seconds(30).getSeconds()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(Timing.seconds(90).toMillis(), TimeUnit.MILLISECONDS), "the application did not exit");
        String diagnostics = "stdout:\n" + out + "\nstderr:\n" + err.get();

        assertEquals(0, p.exitValue(), diagnostics);
        List<String> expected = List.of(
                "api module: org.nacosgi.api",
                "config module: org.nacosgi.config",
                "naming module: org.nacosgi.naming",
                "watched: CHANGED from=module-path",
                "read: from=module-path",
                "subscribed: added 127.0.0.1:9999",
                "listed: 1 127.0.0.1:9999",
                "nacosgi threads after close: 0");
        assertEquals(expected, List.of(out.split("\\R")), diagnostics);
    }

    private static void compile(Path src, Path classes, String modulePath) throws IOException {
        Files.createDirectories(classes);
        List<String> sources;
        try (Stream<Path> files = Files.walk(src)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList());
        }
        List<String> args = new ArrayList<>(List.of("--release", "11", "-Xlint:all,-path", "-Werror",
                "--module-path", modulePath, "-d", classes.toString()));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, log, log, args.toArray(String[]::new));
        assertEquals(0, rc, "javac " + args + "\n" + log);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
