package org.nacosgi.api;

import java.util.Map;
import org.nacosgi.api.internal.ServiceLoaderClient;

/**
 * Creates plain-Java clients from the implementation modules found by {@link java.util.ServiceLoader} (module path
 * or class path): users need only {@code requires org.nacosgi.api}. In OSGi, use the services instead.
 */
public final class NacosClients {
    private NacosClients() {
    }

    /**
     * A new client. It owns its HTTP client and threads until {@link NacosClient#close()}.
     *
     * @throws NacosException the implementation modules are not on the module or class path
     */
    public static NacosClient create(ClientOptions options) {
        return ServiceLoaderClient.create(java.util.Objects.requireNonNull(options, "options"));
    }

    /** A new client from a map of options; see {@link ClientOptions#fromMap(Map)}. */
    public static NacosClient create(Map<String, ?> options) {
        return create(ClientOptions.fromMap(options));
    }

    /** A new client for a comma-separated server list, with defaults for everything else. */
    public static NacosClient create(String serverAddr) {
        return create(ClientOptions.builder().serverAddr(serverAddr).build());
    }
}
