package org.nacosgi.naming.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.ServiceQuery;

/** Bad arguments are refused locally, naming the argument, and nothing reaches the transport. */
class InvalidInputTest {
    @TempDir
    Path dir;
    FakeTransport transport;
    FakeRuntime runtime;
    HttpNamingService naming;

    @BeforeEach
    void setUp() {
        transport = new FakeTransport();
        runtime = new FakeRuntime(ClientOptions.builder().serverAddr("127.0.0.1:8848").namingCacheDir(dir)
                .pushEnabled(false).build(), transport);
        naming = new HttpNamingService(runtime);
        runtime.onClose(transport);
        runtime.onClose(naming);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private void refused(String argument, Executable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertEquals(argument, e.argument(), e.getMessage());
        assertTrue(transport.requests.isEmpty(), "nothing may be sent for bad input, sent " + transport.requests);
    }

    private static Instance.Builder ok() {
        return Instance.builder("svc", "10.0.0.1", 8080);
    }

    @Test
    void serviceNameMustBeGiven() {
        refused("serviceName", () -> naming.addNamingInstance(ok().serviceName(null).build()));
        refused("serviceName", () -> naming.addNamingInstance(ok().serviceName(" ").build()));
        refused("serviceName", () -> naming.addNamingInstance(ok().serviceName("G@@a@@b").build()));
        refused("serviceName", () -> naming.addNamingInstance(ok().serviceName("a b").build()));
        refused("serviceName", () -> naming.addNamingInstance(ok().serviceName("x".repeat(513)).build()));
    }

    @Test
    void ipMustBeUsable() {
        refused("ip", () -> naming.addNamingInstance(ok().ip(null).build()));
        refused("ip", () -> naming.addNamingInstance(ok().ip("").build()));
        refused("ip", () -> naming.addNamingInstance(ok().ip("10.0.0.1 ").build()));
        refused("ip", () -> naming.addNamingInstance(ok().ip("1#2").build()));
    }

    @Test
    void portIsZeroTo65535LikeTheServer() {
        refused("port", () -> naming.addNamingInstance(ok().port(-1).build()));
        refused("port", () -> naming.addNamingInstance(ok().port(65536).build()));
        naming.addNamingInstance(ok().port(0).ephemeral(false).build());
        assertEquals(1, transport.requests.size(), "port 0 is accepted by the server (captured), so it is sent");
    }

    @Test
    void weightMustBeFiniteAndInRange() {
        refused("weight", () -> naming.addNamingInstance(ok().weight(-0.1).build()));
        refused("weight", () -> naming.addNamingInstance(ok().weight(10000.5).build()));
        refused("weight", () -> naming.addNamingInstance(ok().weight(Double.NaN).build()));
        refused("weight", () -> naming.addNamingInstance(ok().weight(Double.POSITIVE_INFINITY).build()));
    }

    @Test
    void metadataKeysAndValuesMustBeText() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        refused("metadata", () -> naming.addNamingInstance(ok().metadata(nullValue).build()));
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        refused("metadata", () -> naming.addNamingInstance(ok().metadata(nullKey).build()));
        refused("metadata", () -> naming.addNamingInstance(ok().putMetadata("blob", "m".repeat(1100)).build()));
    }

    @Test
    void malformedMetadataJsonIsRefusedNamingTheArgument() {
        refused("metadata", () -> naming.metadataFromJson("{not json"));
        refused("metadata", () -> naming.metadataFromJson("[1,2]"));
        refused("metadata", () -> naming.metadataFromJson("{\"k\":null}"));
        refused("metadata", () -> naming.metadataFromJson("{\"k\":{\"nested\":1}}"));
        refused("metadata", () -> naming.metadataFromJson(null));
        assertEquals(Map.of("k", "v", "n", "1", "b", "true"), naming.metadataFromJson("{\"k\":\"v\",\"n\":1,\"b\":true}"));
    }

    @Test
    void clusterAndGroupNamesMustUseLegalCharacters() {
        refused("clusterName", () -> naming.addNamingInstance(ok().clusterName("c 1").build()));
        refused("clusterName", () -> naming.addNamingInstance(ok().clusterName("c,1").build()));
        refused("groupName", () -> naming.addNamingInstance(ok().groupName("g/1").build()));
        refused("clusters", () -> naming.listNamingInstance(ServiceQuery.builder("svc").clusters("ok", "no way").build()));
        refused("namespaceId", () -> naming.listNamingInstance(ServiceQuery.builder("svc").namespaceId("../x").build()));
    }

    @Test
    void intervalsMustBePositive() {
        refused("heartbeatInterval", () -> naming.addNamingInstance(ok().build(), Duration.ZERO));
        refused("heartbeatInterval", () -> naming.addNamingInstance(ok().build(), null));
        refused("interval", () -> naming.subscribe(e -> { }, ServiceQuery.of("svc"), Duration.ofMillis(-1)));
        refused("listener", () -> naming.subscribe(null, ServiceQuery.of("svc"), Duration.ofSeconds(1)));
        refused("query", () -> naming.subscribe(e -> { }, null, Duration.ofSeconds(1)));
    }

    @Test
    void asyncListCompletesExceptionallyWithTheSameType() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> naming.listNamingInstanceAsync(ServiceQuery.of(" ")).get());
        assertTrue(e.getCause() instanceof InvalidArgumentException);
        assertEquals("serviceName", ((InvalidArgumentException) e.getCause()).argument());
        assertTrue(transport.requests.isEmpty());
    }

    @Test
    void removeAndDetailCheckTheirArguments() {
        refused("port", () -> naming.removeNamingInstance("svc", "10.0.0.1", 70000));
        refused("ip", () -> naming.getNamingInstance("svc", "", 1, null, null));
        refused("serviceName", () -> naming.unsubscribe("", "x"));
        refused("listenerName", () -> naming.unsubscribe("svc", null));
    }
}
