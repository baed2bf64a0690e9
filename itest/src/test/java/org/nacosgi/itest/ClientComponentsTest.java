package org.nacosgi.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.InstanceRegistration;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;
import org.nacosgi.itest.support.ClientBundles;
import org.nacosgi.itest.support.InFramework;
import org.nacosgi.itest.support.RecordingConfigListener;
import org.nacosgi.itest.support.RecordingNamingListener;
import org.nacosgi.itest.support.SessionServer;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The client as OSGi users run it: factory configurations of {@code org.nacosgi.client} bring up the config and
 * naming services, whiteboard listeners and registrations work, bundles restart cleanly, clients live side by side.
 * One framework for the class; every test removes what it created. (Api types appear only in method bodies: the
 * driver loads this class without the api on its class path.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientComponentsTest {
    private static final String PID = "org.nacosgi.client";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<org.osgi.service.cm.Configuration> configurations = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<String> clients = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return options(ClientBundles.felixWithClient());
    }

    @After
    public void removeWhatTheTestCreated() throws Exception {
        // a test that failed while a client bundle was stopped must not fail every later test with it
        for (String name : List.of(ClientBundles.TRANSPORT, ClientBundles.CONFIG, ClientBundles.NAMING)) {
            Bundle b = bundle(name);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        for (org.osgi.service.cm.Configuration c : configurations) {
            c.delete();
        }
        for (String client : clients) {
            InFramework.awaitGone(ctx(), ConfigService.class, clientFilter(client), WAIT);
            InFramework.awaitGone(ctx(), NamingService.class, clientFilter(client), WAIT);
            InFramework.awaitNoClientThreads(client, WAIT);
        }
    }

    @Test
    public void factoryConfigurationBringsUpConfigAndNamingServices() throws Exception {
        org.osgi.service.cm.Configuration configuration = createClient("it-up", "");
        ConfigService config = InFramework.await(ctx(), ConfigService.class, clientFilter("it-up"), WAIT);
        NamingService naming = InFramework.await(ctx(), NamingService.class, clientFilter("it-up"), WAIT);
        assertEquals(1, InFramework.count(ctx(), ConfigService.class, "(&(nacos.client=it-up)(nacos.namespace=))"));

        config.publishConfig("itest-up.properties", "ITEST", "up=true");
        assertEquals("up=true", config.getConfig("itest-up.properties", "ITEST"));
        naming.addNamingInstance(Instance.builder("itest-up", "127.0.0.1", 7001).ephemeral(false).build());
        assertEquals(1, naming.listNamingInstance("itest-up").size());
        naming.removeNamingInstance(Instance.builder("itest-up", "127.0.0.1", 7001).ephemeral(false).build());

        configurations.remove(configuration);
        configuration.delete();
        InFramework.awaitGone(ctx(), ConfigService.class, clientFilter("it-up"), WAIT);
        InFramework.awaitGone(ctx(), NamingService.class, clientFilter("it-up"), WAIT);
        InFramework.awaitNoClientThreads("it-up", WAIT);
    }

    @Test
    public void whiteboardConfigListenerReceivesUpdatesPublishedThroughTheService() throws Exception {
        createClient("it-cl", "");
        ConfigService config = InFramework.await(ctx(), ConfigService.class, clientFilter("it-cl"), WAIT);
        RecordingConfigListener listener = new RecordingConfigListener();
        register(ConfigListener.class, listener, ConfigListener.DATA_ID, "itest-whiteboard.properties",
                ConfigListener.GROUP, "ITEST", ConfigListener.CLIENT_NAME, "it-cl");

        config.publishConfig("itest-whiteboard.properties", "ITEST", "v=1");
        assertEquals("ITEST", listener.awaitContent("v=1", WAIT).group());
        config.publishConfig("itest-whiteboard.properties", "ITEST", "v=2");
        assertEquals("v=1", listener.awaitContent("v=2", WAIT).previousContent().orElse(null));
    }

    @Test
    public void whiteboardNamingListenerSeesAWhiteboardRegisteredInstance() throws Exception {
        createClient("it-nl", "");
        InFramework.await(ctx(), NamingService.class, clientFilter("it-nl"), WAIT);
        RecordingNamingListener listener = new RecordingNamingListener();
        register(NamingListener.class, listener, NamingListener.SERVICE_NAME, "itest-wb-svc",
                NamingListener.CLIENT_NAME, "it-nl");

        ServiceRegistration<?> instance = register(Runnable.class, new Thread(), InstanceRegistration.SERVICE,
                "itest-wb-svc", InstanceRegistration.IP, "127.0.0.1", InstanceRegistration.PORT, 7070,
                InstanceRegistration.METADATA, "role=itest", InstanceRegistration.CLIENT_NAME, "it-nl");
        assertEquals("itest", listener.awaitAdded("127.0.0.1", 7070, WAIT).added().get(0).metadata().get("role"));

        instance.unregister();
        registrations.remove(instance);
        listener.awaitRemoved("127.0.0.1", 7070, WAIT);
    }

    @Test
    public void stoppingAndStartingEachBundleLeavesNoThreadsAndTheServicesComeBack() throws Exception {
        createClient("it-re", "");
        awaitBothServices("it-re");
        Bundle transport = bundle(ClientBundles.TRANSPORT);
        Bundle config = bundle(ClientBundles.CONFIG);
        Bundle naming = bundle(ClientBundles.NAMING);

        // the transport takes both clients with it
        transport.stop();
        InFramework.awaitGone(ctx(), ConfigService.class, clientFilter("it-re"), WAIT);
        InFramework.awaitGone(ctx(), NamingService.class, clientFilter("it-re"), WAIT);
        InFramework.awaitNoClientThreads("it-re", WAIT);
        transport.start();
        useBothServices("it-re", "transport");

        // config and naming each own a client: with the other stopped, stopping one leaves no thread
        for (Bundle[] pair : new Bundle[][] {{config, naming}, {naming, config}}) {
            Bundle stopped = pair[0];
            Bundle other = pair[1];
            other.stop();
            useBothServicesThatRun("it-re", stopped.getSymbolicName());
            assertFalse("the running client has threads", InFramework.clientThreads("it-re").isEmpty());
            stopped.stop();
            InFramework.awaitGone(ctx(), ConfigService.class, clientFilter("it-re"), WAIT);
            InFramework.awaitGone(ctx(), NamingService.class, clientFilter("it-re"), WAIT);
            InFramework.awaitNoClientThreads("it-re", WAIT);
            stopped.start();
            other.start();
            useBothServices("it-re", stopped.getSymbolicName());
        }
    }

    @Test
    public void twoConfigurationsWithTwoNamespacesLiveSideBySide() throws Exception {
        org.osgi.service.cm.Configuration one = createClient("it-ns1", "itest-ns-one");
        createClient("it-ns2", "itest-ns-two");
        ConfigService config1 = InFramework.await(ctx(), ConfigService.class,
                "(&(nacos.client=it-ns1)(nacos.namespace=itest-ns-one))", WAIT);
        ConfigService config2 = InFramework.await(ctx(), ConfigService.class,
                "(&(nacos.client=it-ns2)(nacos.namespace=itest-ns-two))", WAIT);
        NamingService naming1 = InFramework.await(ctx(), NamingService.class, clientFilter("it-ns1"), WAIT);
        NamingService naming2 = InFramework.await(ctx(), NamingService.class, clientFilter("it-ns2"), WAIT);

        config1.publishConfig("itest-shared.properties", "ITEST", "ns=one");
        config2.publishConfig("itest-shared.properties", "ITEST", "ns=two");
        assertEquals("ns=one", config1.getConfig("itest-shared.properties", "ITEST"));
        assertEquals("ns=two", config2.getConfig("itest-shared.properties", "ITEST"));

        Instance instance = Instance.builder("itest-ns-svc", "127.0.0.1", 7200).ephemeral(false).build();
        naming1.addNamingInstance(instance);
        assertEquals(1, naming1.listNamingInstance(ServiceQuery.of("itest-ns-svc")).hosts().size());
        assertEquals(0, naming2.listNamingInstance(ServiceQuery.of("itest-ns-svc")).hosts().size());
        naming1.removeNamingInstance(instance);

        // removing one client leaves the other working
        configurations.remove(one);
        one.delete();
        InFramework.awaitGone(ctx(), ConfigService.class, clientFilter("it-ns1"), WAIT);
        InFramework.awaitNoClientThreads("it-ns1", WAIT);
        assertEquals("ns=two", config2.getConfig("itest-shared.properties", "ITEST"));
        assertTrue(InFramework.clientThreads("it-ns2").size() > 0);
    }

    private void awaitBothServices(String client) throws InterruptedException {
        InFramework.await(ctx(), ConfigService.class, clientFilter(client), WAIT);
        InFramework.await(ctx(), NamingService.class, clientFilter(client), WAIT);
    }

    /** Both services are back and answer: a publish and read, a register, list and deregister. */
    private void useBothServices(String client, String after) throws InterruptedException {
        ConfigService config = InFramework.await(ctx(), ConfigService.class, clientFilter(client), WAIT);
        NamingService naming = InFramework.await(ctx(), NamingService.class, clientFilter(client), WAIT);
        String content = "after=" + after;
        config.publishConfig("itest-restart.properties", "ITEST", content);
        assertEquals(content, config.getConfig("itest-restart.properties", "ITEST"));
        Instance instance = Instance.builder("itest-restart", "127.0.0.1", 7300).ephemeral(false).build();
        naming.addNamingInstance(instance);
        assertEquals(1, naming.listNamingInstance("itest-restart").size());
        naming.removeNamingInstance(instance);
    }

    /** Uses whichever of the two services is registered (the other's bundle is stopped). */
    private void useBothServicesThatRun(String client, String running) throws InterruptedException {
        if (running.equals(ClientBundles.CONFIG)) {
            ConfigService config = InFramework.await(ctx(), ConfigService.class, clientFilter(client), WAIT);
            config.publishConfig("itest-restart.properties", "ITEST", "only=config");
            assertEquals("only=config", config.getConfig("itest-restart.properties", "ITEST"));
            assertEquals(0, InFramework.count(ctx(), NamingService.class, clientFilter(client)));
        } else {
            NamingService naming = InFramework.await(ctx(), NamingService.class, clientFilter(client), WAIT);
            naming.listNamingInstance("itest-restart");
            assertEquals(0, InFramework.count(ctx(), ConfigService.class, clientFilter(client)));
        }
    }

    private org.osgi.service.cm.Configuration createClient(String name, String namespace) throws IOException,
            InterruptedException {
        ConfigurationAdmin cm = InFramework.await(ctx(), ConfigurationAdmin.class, null, WAIT);
        org.osgi.service.cm.Configuration c = cm.createFactoryConfiguration(PID, "?");
        String work = Paths.get(System.getProperty("itest.work"), "osgi", name).toString();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("serverAddr", SessionServer.serverAddr());
        props.put("namespace", namespace);
        props.put("clientName", name);
        props.put("snapshotDir", work + "/snapshot");
        props.put("failoverDir", work + "/failover");
        props.put("namingCacheDir", work + "/naming");
        c.update(props);
        configurations.add(c);
        clients.add(name);
        return c;
    }

    private <T> ServiceRegistration<T> register(Class<T> type, T service, Object... keyValues) {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        ServiceRegistration<T> r = ctx().registerService(type, service, props);
        registrations.add(r);
        return r;
    }

    private Bundle bundle(String symbolicName) throws BundleException {
        for (Bundle b : ctx().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new BundleException(symbolicName + " is not installed");
    }

    private BundleContext ctx() {
        return InFramework.context(getClass());
    }

    private static String clientFilter(String client) {
        return "(nacos.client=" + client + ")";
    }
}
