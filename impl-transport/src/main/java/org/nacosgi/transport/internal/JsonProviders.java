package org.nacosgi.transport.internal;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import java.util.function.Supplier;
import org.nacosgi.api.NacosException;

/**
 * The one place that finds the JSON-P provider, in this order: a {@link JsonProvider} OSGi service (DS reference),
 * else Parsson's implementation loaded through the Parsson bundle's class loader, else
 * {@link JsonProvider#provider()} (works on the module path and class path, where Parsson {@code provides} it;
 * fails inside Felix/Karaf without a service-loader mediator, hence the first two).
 */
public final class JsonProviders {
    /** Parsson's provider class; not exported by its bundle or module, so only reachable through its loader. */
    public static final String PARSSON_PROVIDER = "org.eclipse.parsson.JsonProviderImpl";
    public static final String PARSSON_BUNDLE = "org.eclipse.parsson";

    private JsonProviders() {
    }

    /**
     * @param service the provider registered as an OSGi service, or null
     * @param parssonClass loads {@link #PARSSON_PROVIDER} from the Parsson bundle; null or returning null when
     *                     there is no such bundle (plain Java)
     */
    public static JsonProvider find(JsonProvider service, Supplier<Class<?>> parssonClass) {
        if (service != null) {
            return service;
        }
        if (parssonClass != null) {
            Class<?> c = parssonClass.get();
            if (c != null) {
                try {
                    return (JsonProvider) c.getConstructor().newInstance();
                } catch (ReflectiveOperationException | ClassCastException e) {
                    throw new NacosException("cannot create " + PARSSON_PROVIDER + " from the Parsson bundle", e);
                }
            }
        }
        try {
            return JsonProvider.provider();
        } catch (JsonException | java.util.ServiceConfigurationError e) {
            throw new NacosException("no JSON-P provider: put Eclipse Parsson on the module/class path, or in OSGi "
                    + "install the org.eclipse.parsson bundle or register a JsonProvider service", e);
        }
    }

    /** The plain-Java lookup. */
    public static JsonProvider find() {
        return find(null, null);
    }
}
