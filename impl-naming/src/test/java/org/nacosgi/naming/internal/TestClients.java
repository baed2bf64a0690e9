package org.nacosgi.naming.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.ServiceLoader;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.testkit.NacosTestServer;

/** Real clients (the transport module's runtime) for the testkit tests. */
final class TestClients {
    private TestClients() {
    }

    static ClientOptions.Builder options(NacosTestServer server, Path dir, String name) {
        return ClientOptions.builder().serverAddr(server.serverAddr()).namingCacheDir(dir.resolve(name))
                .clientName(name).defaultTimeout(Duration.ofSeconds(2));
    }

    static ClientRuntime runtime(ClientOptions options) {
        RuntimeFactory factory = ServiceLoader.load(RuntimeFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RuntimeFactory: nacosgi-transport missing"));
        return factory.create(options);
    }

    /** A naming service closed with its runtime; {@code random} seeds the weighted choice. */
    static HttpNamingService naming(ClientRuntime runtime, Random random) {
        HttpNamingService n = new HttpNamingService(runtime, random);
        runtime.onClose(n);
        return n;
    }

    static HttpNamingService naming(ClientRuntime runtime) {
        return naming(runtime, new Random());
    }
}
