package org.nacosgi.itest.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.testkit.NacosTestServer;

/**
 * TLS against an HTTPS testkit with a self-signed certificate made by keytool: verification is on by default
 * (refused without the trust store, accepted with it or with an SSLContext, host names checked), turning it off
 * works and warns; plain HTTP to a non-loopback host is warned about once per client.
 */
class TransportSecurityTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedServerIsRefusedByDefaultAndAcceptedWithItsTrustStore() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir.resolve("tls"), "ip:127.0.0.1,dns:localhost");
        try (NacosTestServer server = Servers.quick().tls(tls.serverContext()).start()) {
            server.putConfig("", "DEFAULT_GROUP", "k", "over-tls", "text");
            String https = "https://127.0.0.1:" + server.port();

            try (NacosClient client = Clients.create(Clients.options(dir.resolve("default"), https))) {
                ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                        () -> client.config().getConfigItem("k", null, Duration.ofSeconds(3), true));
                assertTrue(causedBy(e, SSLHandshakeException.class), "a TLS handshake failure: " + e);
                System.out.println("[reliability] self-signed, no trust store -> " + e.getMessage());
            }
            assertEquals(List.of(), server.requests(), "no request passed the refused handshake");

            try (NacosClient client = Clients.create(Clients.options(dir.resolve("trusting"), https)
                    .trustStore(tls.trustStore).trustStorePassword(SelfSignedTls.TRUST_PASSWORD))) {
                assertEquals("over-tls", client.config().getConfig("k"));
                Recorder watcher = new Recorder();
                client.config().addConfigWatcher("k", null, watcher);
                server.putConfig("", "DEFAULT_GROUP", "k", "changed-over-tls", "text");
                Await.until("a change over TLS", Duration.ofSeconds(10), () -> watcher.saw("changed-over-tls"));
            }
            try (NacosClient client = Clients.create(Clients.options(dir.resolve("context"), https)
                    .sslContext(tls.clientContext()))) {
                assertEquals("changed-over-tls", client.config().getConfig("k"));
            }
        }
    }

    @Test
    void hostNameIsVerified() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir.resolve("tls"), "dns:nacos.example.invalid");
        try (NacosTestServer server = Servers.quick().tls(tls.serverContext()).start();
                NacosClient client = Clients.create(Clients.options(dir, "https://127.0.0.1:" + server.port())
                        .trustStore(tls.trustStore).trustStorePassword(SelfSignedTls.TRUST_PASSWORD))) {
            ServerUnavailableException e = assertThrows(ServerUnavailableException.class,
                    () -> client.config().getConfigItem("k", null, Duration.ofSeconds(3), true));
            assertTrue(causedBy(e, SSLHandshakeException.class), "trusted certificate, wrong host: " + e);
        }
    }

    @Test
    void verificationOffWorksAndWarns() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir.resolve("tls"), "dns:nacos.example.invalid");
        try (LogCapture logs = LogCapture.start(); NacosTestServer server = Servers.quick().tls(tls.serverContext()).start()) {
            server.putConfig("", "DEFAULT_GROUP", "k", "v", "text");
            try (NacosClient client = Clients.create(Clients.options(dir, "https://127.0.0.1:" + server.port())
                    .tlsVerify(false))) {
                assertEquals("v", client.config().getConfig("k"));
            }
            assertEquals(1, logs.count(Level.WARNING, "verification is OFF"), logs.texts().toString());
        }
    }

    @Test
    void wrongTrustStorePasswordIsRefusedWithoutShowingIt() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir.resolve("tls"), "ip:127.0.0.1");
        String wrong = "not-the-trust-store-pw";
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Clients.create(Clients.options(dir, "https://127.0.0.1:1").trustStore(tls.trustStore)
                        .trustStorePassword(wrong)).close());
        assertEquals(ClientOptions.TRUST_STORE, e.argument());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    /** The decision only: creating a client connects nowhere, so no address outside loopback is contacted. */
    @Test
    void plainHttpToANonLoopbackHostIsWarnedOncePerClient() {
        try (LogCapture logs = LogCapture.start()) {
            String warning = "talks plain http";
            try (NacosClient client = Clients.create(Clients.options(dir, "10.255.255.1:8848", "192.0.2.7:8848"))) {
                client.config();
                client.naming();
            }
            assertEquals(1, logs.count(Level.WARNING, warning), "one warning for two plain remote servers");
            for (String quiet : List.of("127.0.0.1:8848", "localhost:8848", "[::1]:8848",
                    "https://10.255.255.1:8848")) {
                try (NacosClient client = Clients.create(Clients.options(dir, quiet))) {
                    client.config();
                }
                assertEquals(1, logs.count(Level.WARNING, warning), "no warning for " + quiet);
            }
            try (NacosClient client = Clients.create(Clients.options(dir, "127.0.0.1:8848", "nacos.example.invalid"))) {
                client.config();
            }
            assertEquals(2, logs.count(Level.WARNING, warning), "a remote name among loopback servers is warned about");
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
