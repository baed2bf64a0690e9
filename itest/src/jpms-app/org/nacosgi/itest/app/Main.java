package org.nacosgi.itest.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosClients;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.NamingEvent;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * Reads, publishes, watches and registers through the api only, printing one line per fact for the test to
 * check. Arguments: server address, work directory, seconds to wait for each event.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String serverAddr = args[0];
        Path work = Path.of(args[1]);
        long waitSeconds = Long.parseLong(args[2]);
        ClientOptions options = ClientOptions.builder()
                .serverAddr(serverAddr)
                .clientName("jpms-app")
                .snapshotDir(work.resolve("snapshot"))
                .failoverDir(work.resolve("failover"))
                .namingCacheDir(work.resolve("naming"))
                .build();
        try (NacosClient client = NacosClients.create(options)) {
            System.out.println("api module: " + NacosClients.class.getModule().getName());
            System.out.println("config module: " + client.config().getClass().getModule().getName());
            System.out.println("naming module: " + client.naming().getClass().getModule().getName());

            BlockingQueue<ConfigChangeEvent> changes = new LinkedBlockingQueue<>();
            client.config().addConfigWatcher("jpms.properties", "DEFAULT_GROUP", changes::add);
            client.config().publishConfig("jpms.properties", "DEFAULT_GROUP", "from=module-path");
            ConfigChangeEvent change = changes.poll(waitSeconds, TimeUnit.SECONDS);
            System.out.println("watched: " + (change == null ? "nothing" : change.type() + " " + change.content().orElse("")));
            System.out.println("read: " + client.config().getConfig("jpms.properties", "DEFAULT_GROUP"));

            BlockingQueue<NamingEvent> events = new LinkedBlockingQueue<>();
            client.naming().subscribe(events::add, ServiceQuery.of("jpms-service"), Duration.ofSeconds(1));
            client.naming().addNamingInstance(Instance.builder("jpms-service", "127.0.0.1", 9999).build());
            String seen = "nothing";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
            while (seen.equals("nothing") && System.nanoTime() < deadline) {
                NamingEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e != null && !e.added().isEmpty()) {
                    seen = e.added().get(0).address();
                }
            }
            System.out.println("subscribed: added " + seen);
            List<Instance> listed = client.naming().listNamingInstance("jpms-service");
            System.out.println("listed: " + listed.size() + " " + (listed.isEmpty() ? "" : listed.get(0).address()));
        }
        long left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("nacosgi-")).count();
        System.out.println("nacosgi threads after close: " + left);
    }
}
