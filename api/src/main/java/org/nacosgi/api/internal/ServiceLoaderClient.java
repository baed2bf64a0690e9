package org.nacosgi.api.internal;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.NacosClient;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.ConfigServiceProvider;
import org.nacosgi.api.spi.NamingServiceProvider;
import org.nacosgi.api.spi.RuntimeFactory;

/** The plain-Java client: a runtime from the transport module, services from the config and naming modules. */
public final class ServiceLoaderClient implements NacosClient {
    private final ClientRuntime runtime;
    private ConfigService config;
    private NamingService naming;

    private ServiceLoaderClient(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    public static NacosClient create(ClientOptions options) {
        RuntimeFactory factory = load(RuntimeFactory.class, "nacosgi-transport");
        return new ServiceLoaderClient(factory.create(options));
    }

    @Override
    public ClientOptions options() {
        return runtime.options();
    }

    @Override
    public synchronized ConfigService config() {
        checkOpen();
        if (config == null) {
            config = load(ConfigServiceProvider.class, "nacosgi-config").create(runtime);
        }
        return config;
    }

    @Override
    public synchronized NamingService naming() {
        checkOpen();
        if (naming == null) {
            naming = load(NamingServiceProvider.class, "nacosgi-naming").create(runtime);
        }
        return naming;
    }

    @Override
    public void close() {
        runtime.close();
    }

    private void checkOpen() {
        if (runtime.isClosed()) {
            throw new IllegalStateException("client '" + runtime.options().clientName() + "' is closed");
        }
    }

    private static <T> T load(Class<T> type, String artifact) {
        ModuleLayer layer = ServiceLoaderClient.class.getModule().getLayer();
        ServiceLoader<T> loader = layer != null
                ? ServiceLoader.load(layer, type)
                : ServiceLoader.load(type, ServiceLoaderClient.class.getClassLoader());
        try {
            Iterator<T> it = loader.iterator();
            if (it.hasNext()) {
                return it.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new NacosException("cannot load " + type.getSimpleName() + " from " + artifact, e);
        }
        throw new NacosException("no " + type.getSimpleName() + " found: put " + artifact
                + " on the module path or class path");
    }
}
