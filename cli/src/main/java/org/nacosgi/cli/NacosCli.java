package org.nacosgi.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code nacosgi}: the top command. Holds the global options and what every command shares. */
@Command(name = "nacosgi", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Reads, writes and watches Nacos config; registers, lists and subscribes to services.",
        subcommands = {ConfigCommands.class, NamingCommands.class, ServerCommand.class, DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:not found", "2:usage error", "3:no server reachable",
                "4:refused by auth", "5:other server error"})
public final class NacosCli implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    NacosCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code; out and err are the command's streams. */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        for (String arg : args) {
            if (arg.equals("--password") || arg.startsWith("--password=")) {
                // refused before parsing, so the value is never echoed in an error message
                err.println("nacosgi: --password is not accepted: set " + GlobalOptions.ENV_PASSWORD
                        + " and give --username");
                return ExitCode.USAGE;
            }
        }
        CommandLine cli = new CommandLine(new NacosCli(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(NacosCli::usageError);
        cli.setExecutionExceptionHandler(NacosCli::failure);
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: config, naming, server or demo");
    }

    Map<String, String> env() {
        return env;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A new client from the global options; the caller closes it. */
    NacosClient client() {
        ClientOptions options = global.toClientOptions(env, "cli");
        return NacosClients.create(options);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("nacosgi: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        return ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parseResult) {
        Throwable t = ExitCode.unwrap(e);
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        cmd.getErr().println("nacosgi: " + oneLine(message));
        if (cmd.getCommandSpec().root().userObject() instanceof NacosCli
                && ((NacosCli) cmd.getCommandSpec().root().userObject()).global.verbose) {
            t.printStackTrace(cmd.getErr());
        }
        return ExitCode.of(t);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
