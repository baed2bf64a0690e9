package org.nacosgi.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.testkit.NacosTestServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nacosgi demo}: config publish/watch/get/remove and naming register/subscribe/deregister against an
 * embedded testkit (or the servers given), each step printed; exits 0 only when every step was seen to work.
 */
@Command(name = "demo", description = "Walk through config publish/watch and naming register/subscribe against an "
        + "embedded test server (or --server-addr), printing each step.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    private static final String GROUP = "DEFAULT_GROUP";

    @ParentCommand
    NacosCli root;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for each event (default: 60)")
    long stepTimeoutSeconds;

    private PrintWriter out;

    @Override
    public Integer call() throws InterruptedException {
        if (stepTimeoutSeconds < 1) {
            throw new UsageException("--step-timeout: must be >= 1, was " + stepTimeoutSeconds);
        }
        out = root.out();
        NacosTestServer embedded = null;
        try {
            if (root.global.hasServer(root.env())) {
                say("Using the Nacos server(s) given: " + (root.global.serverAddr != null ? root.global.serverAddr
                        : root.env().get(GlobalOptions.ENV_SERVER_ADDR)));
            } else {
                embedded = NacosTestServer.builder().port(0).start();
                root.global.serverAddr = embedded.serverAddr();
                say("Started an embedded Nacos test server (nacosgi testkit) on " + embedded.serverAddr());
            }
            // unique names, so the demo never touches anyone's data on a real server
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            try (NacosClient client = root.client()) {
                say("Created a client with NacosClients.create(options): " + client.options().serverAddresses());
                config(client.config(), "nacosgi-demo-" + suffix + ".properties");
                naming(client.naming(), "nacosgi-demo-" + suffix);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        say("Demo finished: config publish, watch, get and remove, naming register, subscribe and deregister all worked.");
        return ExitCode.OK;
    }

    private void config(ConfigService config, String dataId) throws InterruptedException {
        say("");
        say("== Config ==");
        BlockingQueue<ConfigChangeEvent> events = new LinkedBlockingQueue<>();
        ConfigListener watcher = events::add;
        config.addConfigWatcher(dataId, GROUP, watcher);
        say("watching " + dataId + " (" + GROUP + ")");
        for (String content : List.of("greeting=hello", "greeting=hello again")) {
            config.publishConfig(dataId, GROUP, content, "properties", null);
            say("published " + dataId + ": " + content);
            ConfigChangeEvent e = await(events, ev -> ev.type() == ConfigChangeEvent.Type.CHANGED
                    && ev.content().orElse("").equals(content), "the watcher to see '" + content + "'");
            say("  watcher saw " + e.type() + ": " + e.content().orElse("") + " (md5 " + e.md5() + ")");
        }
        String read = config.getConfig(dataId, GROUP);
        say("getConfig(" + dataId + ") returned: " + read);
        if (!read.equals("greeting=hello again")) {
            throw new NacosException("demo: getConfig returned '" + read + "', expected 'greeting=hello again'");
        }
        config.removeConfig(dataId, GROUP);
        say("removed " + dataId);
        await(events, ev -> ev.type() == ConfigChangeEvent.Type.DELETED, "the watcher to see the removal");
        say("  watcher saw DELETED");
        config.removeConfigWatcher(dataId, GROUP, watcher, true);
    }

    private void naming(NamingService naming, String service) throws InterruptedException {
        say("");
        say("== Naming ==");
        BlockingQueue<NamingEvent> events = new LinkedBlockingQueue<>();
        NamingListener subscriber = events::add;
        naming.subscribe(subscriber, ServiceQuery.of(service), Duration.ofSeconds(2));
        say("subscribed to " + service);
        Instance instance = Instance.builder(service, "127.0.0.1", 18080).metadata(Map.of("version", "1")).build();
        naming.addNamingInstance(instance);
        say("registered " + service + " " + instance.address() + " (ephemeral, heartbeats on, metadata version=1)");
        NamingEvent added = await(events, e -> contains(e.added(), instance), "the subscriber to see the instance");
        say("  subscriber saw added " + describe(added.added()) + "; the service now has "
                + added.instances().size() + " instance(s)");
        List<Instance> listed = naming.listNamingInstance(service);
        say("listNamingInstance(" + service + ") returned " + describe(listed));
        if (!contains(listed, instance)) {
            throw new NacosException("demo: the registered instance is missing from listNamingInstance");
        }
        naming.removeNamingInstance(instance);
        say("deregistered " + instance.address());
        await(events, e -> contains(e.removed(), instance), "the subscriber to see the instance go");
        say("  subscriber saw removed " + instance.address());
        naming.unsubscribe(ServiceQuery.of(service), subscriber);
    }

    private static boolean contains(List<Instance> list, Instance wanted) {
        return list.stream().anyMatch(i -> i.ip().equals(wanted.ip()) && i.port() == wanted.port());
    }

    private static String describe(List<Instance> list) {
        StringBuilder sb = new StringBuilder();
        for (Instance i : list) {
            sb.append(sb.length() == 0 ? "" : ", ").append(i.address()).append(i.healthy() ? " healthy" : " unhealthy")
                    .append(" weight ").append(i.weight()).append(" metadata ").append(i.metadata());
        }
        return sb.length() == 0 ? "no instances" : sb.toString();
    }

    private <T> T await(BlockingQueue<T> events, Predicate<T> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(stepTimeoutSeconds);
        for (;;) {
            long left = deadline - System.nanoTime();
            T e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new NacosException("demo: waited " + stepTimeoutSeconds + " s for " + what + " in vain");
            }
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
