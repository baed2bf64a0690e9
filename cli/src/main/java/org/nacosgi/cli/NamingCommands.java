package org.nacosgi.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nacosgi naming register|deregister|modify|list|get|subscribe}. */
@Command(name = "naming", description = "Register, query and subscribe to service instances.",
        subcommands = {NamingCommands.Register.class, NamingCommands.Deregister.class, NamingCommands.Modify.class,
                NamingCommands.ListInstances.class, NamingCommands.Get.class, NamingCommands.Subscribe.class})
final class NamingCommands implements Runnable {
    @ParentCommand
    NacosCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "a naming command is required: register, deregister, modify, list, get or subscribe");
    }

    /** SERVICE IP PORT [--group] [--cluster] [--persistent]: which instance. */
    static final class InstanceAddress {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service name")
        String service;
        @Parameters(index = "1", paramLabel = "IP", description = "The instance IP")
        String ip;
        @Parameters(index = "2", paramLabel = "PORT", description = "The instance port")
        int port;
        @Option(names = "--group", paramLabel = "G", description = "The group (default: DEFAULT_GROUP)")
        String group;
        @Option(names = "--cluster", paramLabel = "C", description = "The cluster (default: the server's, DEFAULT)")
        String cluster;
        @Option(names = "--persistent", description = "A persistent instance (no heartbeats) instead of an ephemeral one")
        boolean persistent;

        Instance.Builder builder() {
            return Instance.builder(service, ip, port).groupName(group).clusterName(cluster).ephemeral(!persistent);
        }

        String describe() {
            return service + " " + builder().build().address() + " (" + ConfigCommands.groupOrDefault(group) + ")";
        }
    }

    /** --weight and --metadata, as given or absent. */
    static final class InstanceSettings {
        @Option(names = "--weight", paramLabel = "W", description = "The weight, 0 to 10000 (default: 1)")
        Double weight;
        @Option(names = "--metadata", paramLabel = "k=v,...", description = "Metadata pairs, comma-separated")
        String metadata;

        Instance.Builder applyTo(Instance.Builder b) {
            if (weight != null) {
                b.weight(weight);
            }
            if (metadata != null) {
                b.metadata(parseMetadata(metadata));
            }
            return b;
        }
    }

    static Map<String, String> parseMetadata(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--metadata: expected k=v pairs separated by commas, got '" + pair.trim() + "'");
            }
            map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return map;
    }

    static List<String> clusters(String commaSeparated) {
        return commaSeparated == null ? List.of() : List.of(commaSeparated.split("\\s*,\\s*"));
    }

    @Command(name = "register", description = "Register an instance; an ephemeral one is kept alive with heartbeats "
            + "until interrupted (or --for SECONDS), then deregistered.")
    static final class Register implements Callable<Integer> {
        @ParentCommand
        NamingCommands naming;
        @Mixin
        InstanceAddress address;
        @Mixin
        InstanceSettings settings;
        @Option(names = "--for", paramLabel = "SECONDS", description = "Deregister and exit after SECONDS")
        Long forSeconds;

        @Override
        public Integer call() throws InterruptedException {
            if (forSeconds != null && forSeconds < 0) {
                throw new UsageException("--for: must be >= 0 seconds, was " + forSeconds);
            }
            Instance instance = settings.applyTo(address.builder()).build();
            PrintWriter out = naming.root.out();
            try (NacosClient client = naming.root.client()) {
                NamingService service = client.naming();
                service.addNamingInstance(instance);
                out.println("registered " + address.describe()
                        + (instance.ephemeral() ? "" : " as a persistent instance"));
                out.flush();
                if (!instance.ephemeral() && forSeconds == null) {
                    return ExitCode.OK;
                }
                try (UntilStopped until = new UntilStopped(() -> deregister(service, instance, client))) {
                    until.await(forSeconds == null ? null : Duration.ofSeconds(forSeconds));
                }
                service.removeNamingInstance(instance);
                out.println("deregistered " + address.describe());
            }
            return ExitCode.OK;
        }
    }

    /** On Ctrl-C: deregister at once rather than leave the server to expire the instance. */
    private static void deregister(NamingService service, Instance instance, NacosClient client) {
        try {
            service.removeNamingInstance(instance);
        } catch (RuntimeException e) {
            System.err.println("nacosgi: could not deregister " + instance.address() + ": " + e.getMessage());
        } finally {
            client.close();
        }
    }

    @Command(name = "deregister", description = "Deregister an instance.")
    static final class Deregister implements Callable<Integer> {
        @ParentCommand
        NamingCommands naming;
        @Mixin
        InstanceAddress address;

        @Override
        public Integer call() {
            try (NacosClient client = naming.root.client()) {
                client.naming().removeNamingInstance(address.builder().build());
            }
            naming.root.out().println("deregistered " + address.describe());
            return ExitCode.OK;
        }
    }

    @Command(name = "modify", description = "Change the weight, metadata or enabled flag of a registered instance.")
    static final class Modify implements Callable<Integer> {
        @ParentCommand
        NamingCommands naming;
        @Mixin
        InstanceAddress address;
        @Mixin
        InstanceSettings settings;
        @Option(names = "--enabled", paramLabel = "true|false", arity = "1", description = "Enable or disable the instance")
        Boolean enabled;

        @Override
        public Integer call() {
            if (settings.weight == null && settings.metadata == null && enabled == null) {
                throw new UsageException("modify needs at least one of --weight, --metadata or --enabled");
            }
            try (NacosClient client = naming.root.client()) {
                NamingService service = client.naming();
                Instance current = service.getNamingInstance(address.service, address.ip, address.port,
                        address.cluster, address.group);
                Instance.Builder b = settings.applyTo(current.toBuilder().ephemeral(!address.persistent));
                if (enabled != null) {
                    b.enabled(enabled);
                }
                service.modifyNamingInstance(b.build());
            }
            naming.root.out().println("modified " + address.describe());
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "Print the instances of a service as JSON.")
    static final class ListInstances implements Callable<Integer> {
        @ParentCommand
        NamingCommands naming;
        @Parameters(paramLabel = "SERVICE", description = "The service name")
        String service;
        @Option(names = "--group", paramLabel = "G", description = "The group (default: DEFAULT_GROUP)")
        String group;
        @Option(names = "--clusters", paramLabel = "C,...", description = "Only these clusters")
        String clusters;
        @Option(names = "--healthy-only", description = "Only healthy instances")
        boolean healthyOnly;

        @Override
        public Integer call() {
            ServiceQuery query = ServiceQuery.builder(service).groupName(group).clusters(clusters(clusters))
                    .healthyOnly(healthyOnly).build();
            try (NacosClient client = naming.root.client()) {
                naming.root.out().println(Json.create().serviceInfo(client.naming().listNamingInstance(query)));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "Print one instance as JSON.")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        NamingCommands naming;
        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service name")
        String service;
        @Parameters(index = "1", paramLabel = "IP", description = "The instance IP")
        String ip;
        @Parameters(index = "2", paramLabel = "PORT", description = "The instance port")
        int port;
        @Option(names = "--group", paramLabel = "G", description = "The group (default: DEFAULT_GROUP)")
        String group;
        @Option(names = "--cluster", paramLabel = "C", description = "The cluster (default: DEFAULT)")
        String cluster;

        @Override
        public Integer call() {
            try (NacosClient client = naming.root.client()) {
                Instance instance = client.naming().getNamingInstance(service, ip, port, cluster, group);
                naming.root.out().println(Json.create().instance(instance));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "subscribe", description = "Print one JSON line per change of a service until interrupted.")
    static final class Subscribe implements Callable<Integer> {
        @ParentCommand
        NamingCommands naming;
        @Parameters(paramLabel = "SERVICE", description = "The service name")
        String service;
        @Option(names = "--group", paramLabel = "G", description = "The group (default: DEFAULT_GROUP)")
        String group;
        @Option(names = "--clusters", paramLabel = "C,...", description = "Only these clusters")
        String clusters;
        @Option(names = "--max-events", paramLabel = "N", description = "Exit after N events")
        Integer maxEvents;
        @Option(names = "--interval", paramLabel = "SECONDS", description = "Polling interval (default: 7)")
        Long intervalSeconds;

        @Override
        public Integer call() throws InterruptedException {
            EventPrinter.checkMaxEvents(maxEvents);
            if (intervalSeconds != null && intervalSeconds < 1) {
                throw new UsageException("--interval: must be >= 1 second, was " + intervalSeconds);
            }
            ServiceQuery query = ServiceQuery.builder(service).groupName(group).clusters(clusters(clusters)).build();
            Duration interval = intervalSeconds == null ? NamingService.DEFAULT_SUBSCRIBE_INTERVAL
                    : Duration.ofSeconds(intervalSeconds);
            Json json = Json.create();
            try (NacosClient client = naming.root.client();
                    UntilStopped until = new UntilStopped(client::close)) {
                EventPrinter printer = new EventPrinter(naming.root.out(), maxEvents, until);
                NamingListener listener = event -> printer.print(json.namingEvent(event));
                client.naming().subscribe(listener, query, interval);
                until.await(null);
            }
            return ExitCode.OK;
        }
    }
}
