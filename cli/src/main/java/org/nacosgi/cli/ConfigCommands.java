package org.nacosgi.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.config.ConfigListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nacosgi config get|publish|remove|watch}. */
@Command(name = "config", description = "Read, write and watch config items.",
        subcommands = {ConfigCommands.Get.class, ConfigCommands.Publish.class, ConfigCommands.Remove.class,
                ConfigCommands.Watch.class})
final class ConfigCommands implements Runnable {
    @ParentCommand
    NacosCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a config command is required: get, publish, remove or watch");
    }

    @Command(name = "get", description = "Print the content of a config item.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ConfigCommands config;
        @Mixin
        ConfigKey key;

        @Override
        public Integer call() {
            try (NacosClient client = config.root.client()) {
                ConfigItem item = client.config().getConfigItem(key.dataId, key.group, client.options().defaultTimeout(),
                        true);
                PrintWriter out = config.root.out();
                out.print(item.content());
                out.flush();
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "publish", description = "Create or update a config item.")
    static final class Publish implements Callable<Integer> {
        @ParentCommand
        ConfigCommands config;
        @Mixin
        ConfigKey key;
        @Parameters(index = "1", arity = "0..1", paramLabel = "-", description = "Read the content from standard input")
        String dash;
        @Option(names = "--type", paramLabel = "T", description = "The config type: text, properties, json, yaml, xml, html")
        String type;
        @Option(names = "--content", paramLabel = "TEXT", description = "The content")
        String content;
        @Option(names = "--file", paramLabel = "F", description = "Read the content from file F (UTF-8)")
        Path file;

        @Override
        public Integer call() throws IOException {
            String text = content();
            try (NacosClient client = config.root.client()) {
                client.config().publishConfig(key.dataId, key.group, text, type, null);
            }
            config.root.out().println("published " + key.dataId + " (" + groupOrDefault(key.group) + ", "
                    + text.getBytes(StandardCharsets.UTF_8).length + " bytes)");
            return ExitCode.OK;
        }

        private String content() throws IOException {
            if (dash != null && !dash.equals("-")) {
                throw new UsageException("unexpected argument '" + dash + "': only '-' (standard input) may follow ID");
            }
            int sources = (content != null ? 1 : 0) + (file != null ? 1 : 0) + (dash != null ? 1 : 0);
            if (sources != 1) {
                throw new UsageException("publish needs exactly one of --content TEXT, --file F or - (standard input)");
            }
            if (content != null) {
                return content;
            }
            if (file != null) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new UsageException("--file: no such file: " + file);
                }
            }
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Command(name = "remove", description = "Delete a config item (deleting a missing item succeeds).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        ConfigCommands config;
        @Mixin
        ConfigKey key;

        @Override
        public Integer call() {
            try (NacosClient client = config.root.client()) {
                client.config().removeConfig(key.dataId, key.group);
            }
            config.root.out().println("removed " + key.dataId + " (" + groupOrDefault(key.group) + ")");
            return ExitCode.OK;
        }
    }

    @Command(name = "watch", description = "Print one JSON line per change of a config item until interrupted.")
    static final class Watch implements Callable<Integer> {
        @ParentCommand
        ConfigCommands config;
        @Mixin
        ConfigKey key;
        @Option(names = "--max-events", paramLabel = "N", description = "Exit after N events")
        Integer maxEvents;

        @Override
        public Integer call() throws InterruptedException {
            EventPrinter.checkMaxEvents(maxEvents);
            Json json = Json.create();
            try (NacosClient client = config.root.client();
                    UntilStopped until = new UntilStopped(client::close)) {
                EventPrinter printer = new EventPrinter(config.root.out(), maxEvents, until);
                ConfigListener listener = event -> printer.print(json.configEvent(event));
                client.config().addConfigWatcher(key.dataId, key.group, listener);
                until.await(null);
            }
            return ExitCode.OK;
        }
    }

    static String groupOrDefault(String group) {
        return group == null || group.isEmpty() ? "DEFAULT_GROUP" : group;
    }
}
