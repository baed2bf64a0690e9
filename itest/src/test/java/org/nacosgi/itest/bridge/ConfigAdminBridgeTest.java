package org.nacosgi.itest.bridge;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.itest.support.ClientBundles;
import org.nacosgi.itest.support.SessionServer;
import org.nacosgi.itest.support.Timing;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The ConfigAdmin bridge in Felix with SCR, ConfigAdmin, the config client and a testkit server: components of a
 * bundle of their own ({@link ComponentBundle}) are configured from Nacos items published through the client.
 * Each test uses a namespace of its own and removes its configurations afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigAdminBridgeTest {
    private static final String CLIENT_PID = "org.nacosgi.client";
    private static final String BRIDGE_PID = "org.nacosgi.cmbridge";
    private static final String BRIDGE_BUNDLE = "org.nacosgi.cmbridge";
    private static final Duration PULLING_TIMEOUT = Duration.ofSeconds(5);
    private static final String GROUP = "OSGI";

    @Configuration
    public Option[] config() {
        Path bridgeJar = Paths.get(System.getProperty("itest.bundles", "target/bundles"), "nacosgi-cmbridge.jar");
        if (!Files.isRegularFile(bridgeJar)) {
            throw new IllegalStateException(bridgeJar + " is missing: run the itest module through Maven");
        }
        return options(ClientBundles.felixWithClient(), bundle(bridgeJar.toUri().toString()),
                bundle(ComponentBundle.write()));
    }

    private final List<LogRecord> bridgeLog = new CopyOnWriteArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            bridgeLog.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    // held so JUL keeps the handler: its loggers are weakly referenced
    private Logger julLogger;
    private String namespace;
    private String clientName;
    private Path work;
    // a ConfigService; typed Object because the driver, which loads this class too, has no api on its class path
    private Object nacos;

    private BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    private ConfigurationAdmin admin() {
        return context().getService(context().getServiceReference(ConfigurationAdmin.class));
    }

    @Before
    public void startClient() throws Exception {
        julLogger = Logger.getLogger("org.nacosgi.cmbridge");
        julLogger.setLevel(java.util.logging.Level.ALL); // the bridge's DEBUG lines ("unchanged") too
        julLogger.addHandler(logCapture);
        String serverAddr = SessionServer.serverAddr();
        namespace = "bridge" + Long.toHexString(System.nanoTime());
        clientName = namespace;
        work = Paths.get(System.getProperty("itest.work", "target/itest-work"), "bridge", namespace);
        configureClient(serverAddr);
        nacos = awaitService(ConfigService.class, "(" + ConfigService.CLIENT_NAME + "=" + clientName + ")");
    }

    private void configureClient(String serverAddr) throws IOException {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("serverAddr", serverAddr);
        p.put("namespace", namespace);
        p.put("clientName", clientName);
        p.put("snapshotDir", work.resolve("snapshots").toString());
        p.put("failoverDir", work.resolve("failover").toString());
        p.put("namingCacheDir", work.resolve("naming").toString());
        p.put("pullingTimeout", PULLING_TIMEOUT.toMillis() + "ms");
        admin().getFactoryConfiguration(CLIENT_PID, clientName, "?").update(p);
    }

    private void configureBridge(Map<String, Object> settings) throws IOException {
        Dictionary<String, Object> p = new Hashtable<>(settings);
        p.put("client.target", "(" + ConfigService.CLIENT_NAME + "=" + clientName + ")");
        p.put("group", GROUP);
        admin().getFactoryConfiguration(BRIDGE_PID, clientName, "?").update(p);
    }

    @After
    public void removeEverything() throws Exception {
        try {
            for (org.osgi.service.cm.Configuration c : configurations("(|(service.factoryPid=" + BRIDGE_PID
                    + ")(service.factoryPid=" + CLIENT_PID + ")(nacosgi.bridge.source=*))")) {
                c.delete();
            }
            await("no test component is left", () -> components(ComponentBundle.WEB).isEmpty()
                    && components(ComponentBundle.POOL).isEmpty());
        } finally {
            julLogger.removeHandler(logCapture);
            julLogger.setLevel(null);
        }
    }

    private List<org.osgi.service.cm.Configuration> configurations(String filter) throws Exception {
        org.osgi.service.cm.Configuration[] found = admin().listConfigurations(filter);
        return found == null ? List.of() : List.of(found);
    }

    @Test
    public void componentConfiguredThroughNacosReceivesItsProperties() throws Exception {
        publish("itest.bridge.web.json", GROUP,
                "{\n  // typed as the OSGi Configurator\n  \"port:Integer\": 8080,\n  \"hosts\": [\"a\", \"b\"],\n"
                        + "  \"tls\": true\n}", "json", null);
        configureBridge(Map.of("dataIds", "itest.bridge.web.json"));

        Map<String, Object> active = awaitCall(ComponentBundle.WEB, "activate", p -> true);
        assertEquals(8080, active.get("port"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) active.get("hosts"));
        assertEquals(Boolean.TRUE, active.get("tls"));
        assertEquals(namespace + "/" + GROUP + "/itest.bridge.web.json", active.get("nacosgi.bridge.source"));
        assertEquals(ComponentBundle.WEB, active.get("service.pid"));
    }

    @Test
    public void changeReachesModifiedWithinOneLongPollRound() throws Exception {
        publish("itest.bridge.web.properties", GROUP, "port=8080\nmode=a", "properties", null);
        configureBridge(Map.of("dataIds", "itest.bridge.web.properties"));
        awaitCall(ComponentBundle.WEB, "activate", p -> "8080".equals(p.get("port")));
        Object serviceId = components(ComponentBundle.WEB).get(0).getProperty("service.id");

        long published = System.nanoTime();
        publish("itest.bridge.web.properties", GROUP, "port=8081\nmode=a", "properties", null);
        Map<String, Object> modified = awaitCall(ComponentBundle.WEB, "modified", p -> "8081".equals(p.get("port")),
                PULLING_TIMEOUT.plusSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - published);
        assertEquals("a", modified.get("mode"));
        assertTrue("within one long-poll round (" + PULLING_TIMEOUT + "), took " + took,
                took.compareTo(Timing.scaled(PULLING_TIMEOUT.plusSeconds(2))) < 0);
        assertEquals("modified in place, not reactivated", serviceId,
                components(ComponentBundle.WEB).get(0).getProperty("service.id"));
        assertEquals(List.of("activate", "modified"), callNames(ComponentBundle.WEB));
    }

    @Test
    public void removalDeactivatesTheComponentThatRequiresConfiguration() throws Exception {
        publish("itest.bridge.web.properties", GROUP, "port=8080", null, null);
        configureBridge(Map.of("dataIds", "itest.bridge.web.properties"));
        awaitCall(ComponentBundle.WEB, "activate", p -> true);
        // the client's watcher reports a deletion once it saw the content; the bridge covers the moments before
        // with a few confirming reads, this test waits for the steady state
        await("the watcher called the bridge", () -> !logged("watching item itest.bridge.web.properties").isEmpty());

        remove("itest.bridge.web.properties", GROUP);
        await("the component is deactivated", () -> components(ComponentBundle.WEB).isEmpty(),
                PULLING_TIMEOUT.plusSeconds(5));
        assertTrue("its configuration is deleted", configurations("(service.pid=" + ComponentBundle.WEB + ")").isEmpty());
    }

    @Test
    public void badItemLeavesTheLastGoodConfiguration() throws Exception {
        String item = "itest.bridge.web.json";
        publish(item, GROUP, "{\"port:Integer\": 8080}", "json", null);
        configureBridge(Map.of("dataIds", item));
        awaitCall(ComponentBundle.WEB, "activate", p -> Integer.valueOf(8080).equals(p.get("port")));

        publish(item, GROUP, "{\n  \"port:Integer\": \"eighty\"\n}", "json", null);
        await("the bridge warns about the bad item", () -> !warnings(item, "line 2").isEmpty(),
                PULLING_TIMEOUT.plusSeconds(5));
        assertEquals(8080, admin().getConfiguration(ComponentBundle.WEB, "?").getProperties().get("port"));
        assertEquals("no call for the bad content", List.of("activate"), callNames(ComponentBundle.WEB));

        publish(item, GROUP, "{\"port:Integer\": 8082}", "json", null);
        awaitCall(ComponentBundle.WEB, "modified", p -> Integer.valueOf(8082).equals(p.get("port")),
                PULLING_TIMEOUT.plusSeconds(5));
    }

    @Test
    public void factoryConfigurationsCreateTwoComponentInstances() throws Exception {
        publish("itest.bridge.pool-a.properties", GROUP, "size=1", null, null);
        publish("itest.bridge.pool-b.json", GROUP, "{\"size:Integer\": 2}", "json", null);
        publish("osgi.bridge.index", GROUP, "# the pools\nitest.bridge.pool-a.properties\n"
                + "itest.bridge.pool-b.json\n", "text", null);
        configureBridge(Map.of());

        await("two pool instances", () -> components(ComponentBundle.POOL).size() == 2);
        Map<Object, Object> sizeByPid = new java.util.HashMap<>();
        for (ServiceReference<?> ref : components(ComponentBundle.POOL)) {
            assertEquals(ComponentBundle.POOL, ref.getProperty("service.factoryPid"));
            sizeByPid.put(ref.getProperty("service.pid"), ref.getProperty("size"));
        }
        assertEquals(Map.of(ComponentBundle.POOL + "~a", "1", ComponentBundle.POOL + "~b", 2), sizeByPid);
    }

    @Test
    public void restartWithTheServerDownKeepsComponentsConfiguredFromSnapshots() throws Exception {
        publish("itest.bridge.web.properties", GROUP, "port=8080", null, null);
        publish("itest.bridge.pool-a.properties", GROUP, "size=1", null, null);
        configureBridge(Map.of("dataIds", "itest.bridge.web.properties,itest.bridge.pool-a.properties"));
        awaitCall(ComponentBundle.WEB, "activate", p -> "8080".equals(p.get("port")));
        await("the pool instance", () -> components(ComponentBundle.POOL).size() == 1);

        // the server goes away: the client now points at a port nobody listens on (same snapshot directory)
        Bundle bridge = installedBundle(BRIDGE_BUNDLE);
        bridge.stop();
        String clientFilter = "(" + ConfigService.CLIENT_NAME + "=" + clientName + ")";
        Object firstClient = context().getServiceReferences(ConfigService.class, clientFilter).iterator().next()
                .getProperty("service.id");
        configureClient("127.0.0.1:" + closedPort());
        await("the new client", () -> {
            try {
                return context().getServiceReferences(ConfigService.class, clientFilter).stream()
                        .anyMatch(r -> !firstClient.equals(r.getProperty("service.id")));
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });

        // the bridge restarts without a server: it reads the snapshots, deletes nothing, restarts no component
        bridgeLog.clear();
        bridge.start();
        await("the bridge read both snapshots", () -> !logged("itest.bridge.web.properties", "from snapshot").isEmpty()
                && !logged("itest.bridge.pool-a.properties", "from snapshot").isEmpty());
        assertEquals(List.of("activate"), callNames(ComponentBundle.WEB));
        assertEquals(1, components(ComponentBundle.POOL).size());

        // and a ConfigAdmin that lost its configurations gets them back from the snapshots
        bridge.stop();
        for (org.osgi.service.cm.Configuration c : configurations("(nacosgi.bridge.source=*)")) {
            c.delete();
        }
        await("the components are gone", () -> components(ComponentBundle.WEB).isEmpty()
                && components(ComponentBundle.POOL).isEmpty());
        bridge.start();
        Map<String, Object> again = awaitCall(ComponentBundle.WEB, "activate", p -> "8080".equals(p.get("port")));
        assertEquals(namespace + "/" + GROUP + "/itest.bridge.web.properties", again.get("nacosgi.bridge.source"));
        await("the pool instance is back", () -> components(ComponentBundle.POOL).size() == 1);
        assertEquals("1", components(ComponentBundle.POOL).get(0).getProperty("size"));
        assertEquals("created from the snapshot", 1, logged("configuration " + ComponentBundle.WEB + " created",
                "(from snapshot)").size());
    }

    // --- helpers ---

    private void publish(String dataId, String group, String content, String type, String casMd5) {
        ((ConfigService) nacos).publishConfig(dataId, group, content, type, casMd5);
    }

    private void remove(String dataId, String group) {
        ((ConfigService) nacos).removeConfig(dataId, group);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Bundle installedBundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " not installed");
    }

    /** The bridge's log messages (any level) holding every fragment. */
    private List<String> logged(String... fragments) {
        return bridgeLog.stream().map(LogRecord::getMessage)
                .filter(m -> java.util.Arrays.stream(fragments).allMatch(m::contains)).collect(Collectors.toList());
    }

    private List<String> warnings(String... fragments) {
        return bridgeLog.stream().filter(r -> r.getLevel().equals(java.util.logging.Level.WARNING))
                .map(LogRecord::getMessage).filter(m -> java.util.Arrays.stream(fragments).allMatch(m::contains))
                .collect(Collectors.toList());
    }

    private List<ServiceReference<?>> components(String name) {
        try {
            ServiceReference<?>[] refs = context().getServiceReferences(Supplier.class.getName(),
                    "(component.name=" + name + ")");
            return refs == null ? List.of() : List.of(refs);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private int serviceCount(Class<?> type, String filter) {
        try {
            ServiceReference<?>[] refs = context().getServiceReferences(type.getName(), filter);
            return refs == null ? 0 : refs.length;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> calls(String component) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (ServiceReference<?> ref : components(component)) {
            Object service = context().getService(ref);
            if (service != null) {
                try {
                    all.addAll(((Supplier<List<Map<String, Object>>>) service).get());
                } finally {
                    context().ungetService(ref);
                }
            }
        }
        return all;
    }

    private List<String> callNames(String component) {
        return calls(component).stream().map(c -> (String) c.get("call")).collect(Collectors.toList());
    }

    private Map<String, Object> awaitCall(String component, String call,
            java.util.function.Predicate<Map<String, Object>> matching) throws InterruptedException {
        return awaitCall(component, call, matching, Duration.ofSeconds(20));
    }

    private Map<String, Object> awaitCall(String component, String call,
            java.util.function.Predicate<Map<String, Object>> matching, Duration within) throws InterruptedException {
        List<Map<String, Object>> found = new ArrayList<>();
        await(component + " gets " + call, () -> {
            found.clear();
            calls(component).stream().filter(c -> call.equals(c.get("call")) && matching.test(c)).forEach(found::add);
            return !found.isEmpty();
        }, within);
        return found.get(found.size() - 1);
    }

    private <T> T awaitService(Class<T> type, String filter) throws InterruptedException {
        await(type.getSimpleName() + " " + filter, () -> serviceCount(type, filter) > 0);
        try {
            return context().getService(context().getServiceReferences(type, filter).iterator().next());
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, Duration.ofSeconds(20));
    }

    /** Polls until {@code condition} holds; fails after {@code within} scaled by the time factor. */
    private void await(String what, BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + Timing.scaled(within).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + Timing.scaled(within) + ": " + what + "\nbridge log:\n"
                        + bridgeLog.stream().map(r -> r.getLevel() + " " + r.getMessage())
                                .collect(Collectors.joining("\n")));
            }
            LockSupport.parkNanos(20_000_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException(what);
            }
        }
    }
}
