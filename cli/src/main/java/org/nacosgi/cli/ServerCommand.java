package org.nacosgi.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nacosgi.testkit.Generation;
import org.nacosgi.testkit.NacosTestServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nacosgi server}: runs the testkit, a Nacos-compatible server for tests and demos, until interrupted. */
@Command(name = "server", description = "Run the nacosgi testkit, a Nacos-compatible server for tests and demos "
        + "(in memory; not for production), until interrupted. --context-path sets its context path.")
final class ServerCommand implements Callable<Integer> {
    @ParentCommand
    NacosCli root;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8848", description = "HTTP port; 0 for a free one (default: 8848)")
    int port;

    @Option(names = "--generation", paramLabel = "1|2|3.0|3.2", defaultValue = "2",
            description = "Which Nacos server generation to answer like (default: 2)")
    String generation;

    @Option(names = "--auth", paramLabel = "USER", description = "Require logins; USER's password is read from $"
            + GlobalOptions.ENV_PASSWORD)
    String authUser;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port: must be between 0 and 65535, was " + port);
        }
        Generation gen;
        try {
            gen = Generation.parse(generation);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--generation: " + e.getMessage());
        }
        NacosTestServer.Builder builder = NacosTestServer.builder().port(port).generation(gen);
        if (root.global.contextPath != null) {
            builder.contextPath(root.global.contextPath);
        }
        if (authUser != null) {
            String password = root.env().get(GlobalOptions.ENV_PASSWORD);
            if (password == null || password.isEmpty()) {
                throw new UsageException("--auth: set " + GlobalOptions.ENV_PASSWORD + " to " + authUser + "'s password");
            }
            builder.auth(authUser, password);
        }
        NacosTestServer server = builder.start();
        try (UntilStopped until = new UntilStopped(server::close)) {
            PrintWriter out = root.out();
            out.println("nacosgi test server (generation " + generation + ") listening on " + server.serverAddr()
                    + ", context path " + (server.contextPath().isEmpty() ? "/" : server.contextPath())
                    + (authUser != null ? ", auth on" : "") + "; Ctrl-C stops it");
            out.flush();
            until.await(null);
        } finally {
            server.close();
        }
        return ExitCode.OK;
    }
}
