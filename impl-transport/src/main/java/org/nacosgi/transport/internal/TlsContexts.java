package org.nacosgi.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;

/**
 * The TLS context of one client: the caller's, one over the configured trust store, or none (JDK default). An
 * instance is the trust manager of {@code tlsVerify=false}, which checks nothing (a class of its own would cost a
 * class file in a size-bound bundle); an X509ExtendedTrustManager also skips the JDK's host name check.
 */
final class TlsContexts extends X509ExtendedTrustManager {
    private TlsContexts() {
    }

    /** Empty means the JDK's default context (system trust store, verification on). */
    static Optional<SSLContext> forOptions(ClientOptions options) {
        if (options.sslContext().isPresent()) {
            return options.sslContext();
        }
        if (!options.tlsVerify()) {
            return Optional.of(trustingEveryone());
        }
        if (options.trustStore().isPresent()) {
            return Optional.of(fromTrustStore(options));
        }
        return Optional.empty();
    }

    private static SSLContext fromTrustStore(ClientOptions options) {
        java.nio.file.Path path = options.trustStore().get();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(options.trustStoreType());
            char[] password = options.trustStorePassword().map(String::toCharArray).orElse(null);
            store.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            // the message names the file, never the password
            throw new InvalidArgumentException(ClientOptions.TRUST_STORE,
                    "cannot load " + options.trustStoreType() + " trust store " + path + ": " + e.getClass().getSimpleName());
        }
    }

    /** tlsVerify=false: no certificate or host name check. */
    private static SSLContext trustingEveryone() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TlsContexts()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}
