package org.nacosgi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nacosgi.transport.internal.TestServer.reply;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NacosRequest;

class TlsAndProxyTest {
    private HttpsServer https;
    private ExecutorService executor;

    private static KeyStore load(String resource, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsAndProxyTest.class.getResourceAsStream(resource)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static Path resourcePath(String resource) throws Exception {
        return Paths.get(TlsAndProxyTest.class.getResource(resource).toURI());
    }

    @BeforeEach
    void startHttpsServer() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load("/tls/server.p12", "changeit"), "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-https");
            t.setDaemon(true);
            return t;
        });
        https.setExecutor(executor);
        https.createContext("/", ex -> {
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
    }

    @AfterEach
    void stop() {
        https.stop(0);
        executor.shutdownNow();
    }

    private String httpsAddress() {
        return "https://localhost:" + https.getAddress().getPort();
    }

    private static String get(ClientOptions options) {
        try (ClientRuntime rt = new HttpRuntimeFactory().create(options)) {
            return rt.transport().send(NacosRequest.get("/v1/cs/configs").build()).body();
        }
    }

    @Test
    void certificatesAreVerifiedByDefault() {
        ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                () -> get(ClientOptions.builder().serverAddr(httpsAddress()).clientName("tls1").build()));
        Throwable t = e;
        while (t != null && !(t instanceof SSLHandshakeException)) {
            t = t.getCause();
        }
        assertTrue(t instanceof SSLHandshakeException, "cause: " + e.getCause());
    }

    @Test
    void aTrustStoreFromTheOptionsIsUsed() throws Exception {
        assertEquals("secure", get(ClientOptions.builder().serverAddr(httpsAddress()).clientName("tls2")
                .trustStore(resourcePath("/tls/trust.p12")).trustStorePassword("trustpass").build()));
    }

    @Test
    void aCallersSslContextIsUsed() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load("/tls/trust.p12", "trustpass"));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        assertEquals("secure", get(ClientOptions.builder().serverAddr(httpsAddress()).clientName("tls3")
                .sslContext(ctx).build()));
    }

    @Test
    void verificationCanBeTurnedOffExplicitly() {
        assertEquals("secure", get(ClientOptions.builder().serverAddr(httpsAddress()).clientName("tls4")
                .tlsVerify(false).build()));
    }

    @Test
    void anUnreadableTrustStoreNamesTheOptionNotThePassword() throws Exception {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new HttpRuntimeFactory()
                .create(ClientOptions.builder().serverAddr(httpsAddress()).clientName("tls5")
                        .trustStore(resourcePath("/tls/trust.p12")).trustStorePassword("wrong-pass-xyz").build()));
        assertEquals(ClientOptions.TRUST_STORE, e.argument());
        assertTrue(!e.getMessage().contains("wrong-pass-xyz"), e.getMessage());
    }

    @Test
    void requestsGoThroughTheConfiguredHttpProxy() {
        try (TestServer proxy = TestServer.start().fallback(r -> reply(200, "via proxy"))) {
            // the server name need not resolve here: the proxy resolves it
            ClientOptions options = ClientOptions.builder().serverAddr("nacos.invalid:8848")
                    .proxy(proxy.address()).clientName("proxy").build();
            assertEquals("via proxy", get(options));
            TestServer.Recorded r = proxy.requests().get(0);
            assertEquals("nacos.invalid", r.uri.getHost());
            assertEquals("/nacos/v1/cs/configs", r.path);
        }
    }
}
