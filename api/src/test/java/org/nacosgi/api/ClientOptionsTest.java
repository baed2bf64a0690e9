package org.nacosgi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientOptionsTest {
    private static ClientOptions.Builder base() {
        return ClientOptions.builder().serverAddr("127.0.0.1:8848");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put(ClientOptions.SERVER_ADDR, "h");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaults() {
        ClientOptions o = base().build();
        assertEquals(List.of("127.0.0.1:8848"), o.serverAddresses());
        assertEquals("/nacos", o.contextPath());
        assertEquals(Optional.empty(), o.endpoint());
        assertEquals(8080, o.endpointPort());
        assertEquals("serverlist", o.endpointClusterName());
        assertEquals("", o.namespace());
        assertEquals(Optional.empty(), o.username());
        assertEquals(Optional.empty(), o.password());
        assertEquals(Optional.empty(), o.accessKey());
        assertEquals(Optional.empty(), o.secretKey());
        assertEquals(Level.INFO, o.logLevel());
        assertEquals(Optional.empty(), o.logDir());
        assertEquals(7, o.logRotationCount());
        assertEquals(10L * 1024 * 1024, o.logFileSize());
        assertEquals(Duration.ofSeconds(3), o.defaultTimeout());
        assertEquals(Duration.ofSeconds(30), o.pullingTimeout());
        assertEquals(3000, o.pullingConfigSize());
        assertEquals(10, o.callbackThreadNum());
        Path root = Paths.get(System.getProperty("user.home"), ".nacosgi");
        assertEquals(root.resolve("failover"), o.failoverDir());
        assertEquals(root.resolve("snapshot"), o.snapshotDir());
        assertEquals(root.resolve("naming"), o.namingCacheDir());
        assertFalse(o.noSnapshot());
        assertEquals(Optional.empty(), o.proxy());
        assertTrue(o.tlsVerify());
        assertEquals(Optional.empty(), o.sslContext());
        assertEquals(Optional.empty(), o.trustStore());
        assertEquals(Optional.empty(), o.trustStorePassword());
        assertEquals("PKCS12", o.trustStoreType());
        assertFalse(o.debug());
        assertEquals("default", o.clientName());
        assertTrue(o.pushEnabled());
        assertEquals(Duration.ofSeconds(10), o.configPollInterval());
    }

    @Test
    void everySetterIsKeptAndToBuilderCopiesAll() throws Exception {
        SSLContext ssl = SSLContext.getDefault();
        ClientOptions o = ClientOptions.builder().serverAddr("a:1, https://b:2 ,c").contextPath("ctx/")
                .endpoint("ep.example").endpointPort(9090).endpointClusterName("cl").namespace("ns-1")
                .username("u").password("p").accessKey("ak").secretKey("sk").logLevel(Level.DEBUG)
                .logDir(Paths.get("/tmp/l")).logRotationCount(3).logFileSize(4096)
                .defaultTimeout(Duration.ofSeconds(5)).pullingTimeout(Duration.ofSeconds(40)).pullingConfigSize(10)
                .callbackThreadNum(4).failoverDir(Paths.get("/f")).snapshotDir(Paths.get("/s"))
                .namingCacheDir(Paths.get("/n")).noSnapshot(true).proxy("proxy:3128").tlsVerify(false)
                .sslContext(ssl).trustStore(Paths.get("/ts")).trustStorePassword("tsp").trustStoreType("JKS")
                .debug(true).clientName("c-1").pushEnabled(false).configPollInterval(Duration.ofSeconds(2)).build();
        for (ClientOptions x : List.of(o, o.toBuilder().build())) {
            assertEquals(List.of("a:1", "https://b:2", "c"), x.serverAddresses());
            assertEquals("/ctx", x.contextPath());
            assertEquals(Optional.of("ep.example"), x.endpoint());
            assertEquals(9090, x.endpointPort());
            assertEquals("cl", x.endpointClusterName());
            assertEquals("ns-1", x.namespace());
            assertEquals(Optional.of("u"), x.username());
            assertEquals(Optional.of("p"), x.password());
            assertEquals(Optional.of("ak"), x.accessKey());
            assertEquals(Optional.of("sk"), x.secretKey());
            assertEquals(Level.DEBUG, x.logLevel());
            assertEquals(Optional.of(Paths.get("/tmp/l")), x.logDir());
            assertEquals(3, x.logRotationCount());
            assertEquals(4096, x.logFileSize());
            assertEquals(Duration.ofSeconds(5), x.defaultTimeout());
            assertEquals(Duration.ofSeconds(40), x.pullingTimeout());
            assertEquals(10, x.pullingConfigSize());
            assertEquals(4, x.callbackThreadNum());
            assertEquals(Paths.get("/f"), x.failoverDir());
            assertEquals(Paths.get("/s"), x.snapshotDir());
            assertEquals(Paths.get("/n"), x.namingCacheDir());
            assertTrue(x.noSnapshot());
            assertEquals(Optional.of("proxy:3128"), x.proxy());
            assertFalse(x.tlsVerify());
            assertSame(ssl, x.sslContext().get());
            assertEquals(Optional.of(Paths.get("/ts")), x.trustStore());
            assertEquals(Optional.of("tsp"), x.trustStorePassword());
            assertEquals("JKS", x.trustStoreType());
            assertTrue(x.debug());
            assertEquals("c-1", x.clientName());
            assertFalse(x.pushEnabled());
            assertEquals(Duration.ofSeconds(2), x.configPollInterval());
        }
    }

    @Test
    void toStringMasksEverySecret() {
        String s = base().username("user1").password("pw-secret").accessKey("ak-secret").secretKey("sk-secret")
                .trustStorePassword("ts-secret").build().toString();
        assertTrue(s.contains("user1"), s);
        for (String secret : List.of("pw-secret", "ak-secret", "sk-secret", "ts-secret")) {
            assertFalse(s.contains(secret), s);
        }
    }

    @Test
    void contextPathIsNormalized() {
        assertEquals("/nacos", base().contextPath("nacos").build().contextPath());
        assertEquals("/a/b", base().contextPath(" /a/b// ").build().contextPath());
        assertEquals("", base().contextPath("/").build().contextPath());
        assertEquals("", base().contextPath("").build().contextPath());
    }

    @Test
    void endpointAloneIsEnough() {
        ClientOptions o = ClientOptions.builder().endpoint("addr.example").build();
        assertTrue(o.serverAddresses().isEmpty());
        assertEquals(Optional.of("addr.example"), o.endpoint());
    }

    static Stream<Arguments> badBuilders() {
        return Stream.of(
                bad(ClientOptions.SERVER_ADDR, b -> ClientOptions.builder()),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("ftp://h:1")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("h/path")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("user@h")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("h:0")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("h:65536")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("h:port")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddr("bad host")),
                bad(ClientOptions.SERVER_ADDR, b -> b.serverAddresses(java.util.Arrays.asList("h", null))),
                bad(ClientOptions.CONTEXT_PATH, b -> b.contextPath(null)),
                bad(ClientOptions.CONTEXT_PATH, b -> b.contextPath("/a?b")),
                bad(ClientOptions.CONTEXT_PATH, b -> b.contextPath("/a//b")),
                bad(ClientOptions.CONTEXT_PATH, b -> b.contextPath("/a b")),
                bad(ClientOptions.ENDPOINT, b -> b.endpoint("not a host")),
                bad(ClientOptions.ENDPOINT_PORT, b -> b.endpointPort(0)),
                bad(ClientOptions.ENDPOINT_PORT, b -> b.endpointPort(70000)),
                bad(ClientOptions.ENDPOINT_CLUSTER_NAME, b -> b.endpointClusterName(" ")),
                bad(ClientOptions.ENDPOINT_CLUSTER_NAME, b -> b.endpointClusterName(null)),
                bad(ClientOptions.NAMESPACE, b -> b.namespace("ns/1")),
                bad(ClientOptions.NAMESPACE, b -> b.namespace("x".repeat(129))),
                bad(ClientOptions.USERNAME, b -> b.password("p")),
                bad(ClientOptions.ACCESS_KEY, b -> b.secretKey("sk")),
                bad(ClientOptions.SECRET_KEY, b -> b.accessKey("ak")),
                bad(ClientOptions.LOG_LEVEL, b -> b.logLevel(null)),
                bad(ClientOptions.LOG_ROTATION_COUNT, b -> b.logRotationCount(0)),
                bad(ClientOptions.LOG_FILE_SIZE, b -> b.logFileSize(1023)),
                bad(ClientOptions.DEFAULT_TIMEOUT, b -> b.defaultTimeout(Duration.ZERO)),
                bad(ClientOptions.DEFAULT_TIMEOUT, b -> b.defaultTimeout(Duration.ofSeconds(-1))),
                bad(ClientOptions.DEFAULT_TIMEOUT, b -> b.defaultTimeout(null)),
                bad(ClientOptions.PULLING_TIMEOUT, b -> b.pullingTimeout(Duration.ZERO)),
                bad(ClientOptions.CONFIG_POLL_INTERVAL, b -> b.configPollInterval(null)),
                bad(ClientOptions.PULLING_CONFIG_SIZE, b -> b.pullingConfigSize(0)),
                bad(ClientOptions.PULLING_CONFIG_SIZE, b -> b.pullingConfigSize(10001)),
                bad(ClientOptions.CALLBACK_THREAD_NUM, b -> b.callbackThreadNum(0)),
                bad(ClientOptions.CALLBACK_THREAD_NUM, b -> b.callbackThreadNum(1001)),
                bad(ClientOptions.PROXY, b -> b.proxy("proxy")),
                bad(ClientOptions.PROXY, b -> b.proxy("proxy:x")),
                bad(ClientOptions.PROXY, b -> b.proxy("proxy:0")),
                bad(ClientOptions.PROXY, b -> b.proxy(":80")),
                bad(ClientOptions.TRUST_STORE_TYPE, b -> b.trustStoreType("")),
                bad(ClientOptions.CLIENT_NAME, b -> b.clientName("a b")),
                bad(ClientOptions.CLIENT_NAME, b -> b.clientName("")),
                bad(ClientOptions.CLIENT_NAME, b -> b.clientName("x".repeat(65))),
                bad(ClientOptions.CLIENT_NAME, b -> b.clientName(null)));
    }

    private static Arguments bad(String option, UnaryOperator<ClientOptions.Builder> change) {
        return Arguments.of(option, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBuilders")
    void buildRefusesBadValuesNamingTheOption(String option, UnaryOperator<ClientOptions.Builder> change) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> change.apply(base()).build());
        assertEquals(option, e.argument());
        assertTrue(e.getMessage().startsWith(option + ": "), e.getMessage());
    }

    @Test
    void fromMapReadsEveryKey() {
        Map<String, Object> m = new HashMap<>();
        m.put(ClientOptions.SERVER_ADDR, new String[] {"a:1", "b:2,c"});
        m.put(ClientOptions.CONTEXT_PATH, "/ctx");
        m.put(ClientOptions.ENDPOINT, "ep");
        m.put(ClientOptions.ENDPOINT_PORT, "9090");
        m.put(ClientOptions.ENDPOINT_CLUSTER_NAME, "cl");
        m.put(ClientOptions.NAMESPACE, "ns");
        m.put(ClientOptions.USERNAME, "u");
        m.put(ClientOptions.PASSWORD, "p".toCharArray());
        m.put(ClientOptions.ACCESS_KEY, "ak");
        m.put(ClientOptions.SECRET_KEY, "sk");
        m.put(ClientOptions.LOG_LEVEL, "warn");
        m.put(ClientOptions.LOG_DIR, "/tmp/logs");
        m.put(ClientOptions.LOG_ROTATION_COUNT, 3);
        m.put(ClientOptions.LOG_FILE_SIZE, 4096L);
        m.put(ClientOptions.DEFAULT_TIMEOUT, "PT5S");
        m.put(ClientOptions.PULLING_TIMEOUT, 40000);
        m.put(ClientOptions.PULLING_CONFIG_SIZE, "10");
        m.put(ClientOptions.CALLBACK_THREAD_NUM, 4L);
        m.put(ClientOptions.FAILOVER_DIR, "/f");
        m.put(ClientOptions.SNAPSHOT_DIR, "/s");
        m.put(ClientOptions.NAMING_CACHE_DIR, "/n");
        m.put(ClientOptions.NO_SNAPSHOT, "TRUE");
        m.put(ClientOptions.PROXY, "proxy:3128");
        m.put(ClientOptions.TLS_VERIFY, false);
        m.put(ClientOptions.TRUST_STORE, "/ts");
        m.put(ClientOptions.TRUST_STORE_PASSWORD, "tsp");
        m.put(ClientOptions.TRUST_STORE_TYPE, "JKS");
        m.put(ClientOptions.DEBUG, "true");
        m.put(ClientOptions.CLIENT_NAME, "c1");
        m.put(ClientOptions.PUSH_ENABLED, "false");
        m.put(ClientOptions.CONFIG_POLL_INTERVAL, "2s");
        assertEquals(ClientOptions.KEYS, m.keySet(), "the test covers every key");
        ClientOptions o = ClientOptions.fromMap(m);
        assertEquals(List.of("a:1", "b:2", "c"), o.serverAddresses());
        assertEquals("/ctx", o.contextPath());
        assertEquals(Optional.of("ep"), o.endpoint());
        assertEquals(9090, o.endpointPort());
        assertEquals("cl", o.endpointClusterName());
        assertEquals("ns", o.namespace());
        assertEquals(Optional.of("u"), o.username());
        assertEquals(Optional.of("p"), o.password());
        assertEquals(Optional.of("ak"), o.accessKey());
        assertEquals(Optional.of("sk"), o.secretKey());
        assertEquals(Level.WARNING, o.logLevel());
        assertEquals(Optional.of(Paths.get("/tmp/logs")), o.logDir());
        assertEquals(3, o.logRotationCount());
        assertEquals(4096, o.logFileSize());
        assertEquals(Duration.ofSeconds(5), o.defaultTimeout());
        assertEquals(Duration.ofSeconds(40), o.pullingTimeout());
        assertEquals(10, o.pullingConfigSize());
        assertEquals(4, o.callbackThreadNum());
        assertEquals(Paths.get("/f"), o.failoverDir());
        assertEquals(Paths.get("/s"), o.snapshotDir());
        assertEquals(Paths.get("/n"), o.namingCacheDir());
        assertTrue(o.noSnapshot());
        assertEquals(Optional.of("proxy:3128"), o.proxy());
        assertFalse(o.tlsVerify());
        assertEquals(Optional.of(Paths.get("/ts")), o.trustStore());
        assertEquals(Optional.of("tsp"), o.trustStorePassword());
        assertEquals("JKS", o.trustStoreType());
        assertTrue(o.debug());
        assertEquals("c1", o.clientName());
        assertFalse(o.pushEnabled());
        assertEquals(Duration.ofSeconds(2), o.configPollInterval());
    }

    @Test
    void fromMapReadsEveryDurationForm() {
        for (Object v : List.of(1500, 1500L, "1500", "1500ms", "PT1.5S", Duration.ofMillis(1500))) {
            assertEquals(Duration.ofMillis(1500),
                    ClientOptions.fromMap(map(ClientOptions.DEFAULT_TIMEOUT, v)).defaultTimeout(), v.toString());
        }
        assertEquals(Duration.ofMinutes(1), ClientOptions.fromMap(map(ClientOptions.PULLING_TIMEOUT, "1m")).pullingTimeout());
        assertEquals(Duration.ofSeconds(3), ClientOptions.fromMap(map(ClientOptions.PULLING_TIMEOUT, " 3S ")).pullingTimeout());
    }

    @Test
    void fromMapReadsServerListsInEveryShape() {
        assertEquals(List.of("a", "b"), ClientOptions.fromMap(map(ClientOptions.SERVER_ADDR, "a, b")).serverAddresses());
        assertEquals(List.of("a", "b"), ClientOptions.fromMap(map(ClientOptions.SERVER_ADDR, List.of("a", "b"))).serverAddresses());
        assertEquals(List.of("a", "b"), ClientOptions.fromMap(map(ClientOptions.SERVER_ADDR, new String[] {"a,b"})).serverAddresses());
    }

    @Test
    void fromMapIgnoresDottedFrameworkKeysAndRefusesUnknownOnes() {
        ClientOptions o = ClientOptions.fromMap(map("service.pid", "x", "felix.fileinstall.filename", "f",
                "component.name", "c", "listeners.target", "(a=b)"));
        assertEquals(List.of("h"), o.serverAddresses());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ClientOptions.fromMap(map("serverAdress", "typo")));
        assertEquals("serverAdress", e.argument());
        assertTrue(e.getMessage().contains(ClientOptions.SERVER_ADDR), e.getMessage());
    }

    static Stream<Arguments> badMapValues() {
        return Stream.of(
                Arguments.of(ClientOptions.ENDPOINT_PORT, "abc"),
                Arguments.of(ClientOptions.ENDPOINT_PORT, 5_000_000_000L),
                Arguments.of(ClientOptions.LOG_ROTATION_COUNT, "1.5"),
                Arguments.of(ClientOptions.LOG_FILE_SIZE, "big"),
                Arguments.of(ClientOptions.LOG_LEVEL, "verbose"),
                Arguments.of(ClientOptions.DEFAULT_TIMEOUT, "soon"),
                Arguments.of(ClientOptions.DEFAULT_TIMEOUT, "0"),
                Arguments.of(ClientOptions.PULLING_TIMEOUT, "PTx"),
                Arguments.of(ClientOptions.CONFIG_POLL_INTERVAL, "-5s"),
                Arguments.of(ClientOptions.NO_SNAPSHOT, "yes"),
                Arguments.of(ClientOptions.TLS_VERIFY, 1),
                Arguments.of(ClientOptions.USERNAME, new Object()),
                Arguments.of(ClientOptions.SERVER_ADDR, 42),
                Arguments.of(ClientOptions.SERVER_ADDR, java.util.Arrays.asList("a", null)),
                Arguments.of(ClientOptions.CALLBACK_THREAD_NUM, "0"),
                Arguments.of(ClientOptions.PULLING_CONFIG_SIZE, 20000));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badMapValues")
    void fromMapRefusesBadValuesNamingTheKey(String key, Object value) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ClientOptions.fromMap(map(key, value)));
        assertEquals(key, e.argument());
    }

    @Test
    void propertiesAndDictionariesReadTheSameKeys() {
        Properties p = new Properties();
        p.setProperty(ClientOptions.SERVER_ADDR, "a,b");
        p.setProperty(ClientOptions.CALLBACK_THREAD_NUM, "2");
        p.setProperty("service.pid", "ignored");
        ClientOptions fromProps = ClientOptions.fromProperties(p);
        assertEquals(List.of("a", "b"), fromProps.serverAddresses());
        assertEquals(2, fromProps.callbackThreadNum());
        Hashtable<String, Object> d = new Hashtable<>();
        d.put(ClientOptions.SERVER_ADDR, new String[] {"a", "b"});
        d.put(ClientOptions.CALLBACK_THREAD_NUM, 2);
        d.put("service.factoryPid", "org.nacosgi.client");
        ClientOptions fromDict = ClientOptions.fromDictionary(d);
        assertEquals(fromProps.serverAddresses(), fromDict.serverAddresses());
        assertEquals(2, fromDict.callbackThreadNum());
        p.setProperty("bogus", "1");
        assertEquals("bogus", assertThrows(InvalidArgumentException.class, () -> ClientOptions.fromProperties(p)).argument());
    }

    @Test
    void nullsAreRefusedNamingTheParameter() {
        assertThrows(NullPointerException.class, () -> ClientOptions.fromMap(null));
        assertThrows(NullPointerException.class, () -> ClientOptions.fromProperties(null));
        assertThrows(NullPointerException.class, () -> ClientOptions.fromDictionary(null));
        NullPointerException e = assertThrows(NullPointerException.class, () -> ClientOptions.builder().serverAddr(null));
        assertEquals(ClientOptions.SERVER_ADDR, e.getMessage());
    }
}
