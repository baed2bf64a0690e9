package org.nacosgi.cmbridge.internal.osgi;

import jakarta.json.spi.JsonProvider;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Finds a JSON-P provider as the transport does: a JsonProvider service, else Parsson's provider loaded through
 * the Parsson bundle (no package import: Parsson exports no API package), else the JSON-P service loader. Asked
 * lazily, so a bridge with only properties items needs no provider.
 */
final class JsonProviderLookup implements Supplier<JsonProvider> {
    static final String PARSSON_BUNDLE = "org.eclipse.parsson";
    static final String PARSSON_PROVIDER = "org.eclipse.parsson.JsonProviderImpl";

    private final BundleContext context;
    private final Supplier<JsonProvider> service;
    private JsonProvider fallback;

    JsonProviderLookup(BundleContext context, Supplier<JsonProvider> service) {
        this.context = context;
        this.service = service;
    }

    @Override
    public synchronized JsonProvider get() {
        JsonProvider s = service.get();
        if (s != null) {
            return s;
        }
        if (fallback == null) {
            fallback = fromParssonBundle();
        }
        if (fallback == null) {
            fallback = JsonProvider.provider();
        }
        return fallback;
    }

    private JsonProvider fromParssonBundle() {
        for (Bundle b : context.getBundles()) {
            if (PARSSON_BUNDLE.equals(b.getSymbolicName()) && (b.getState() & (Bundle.RESOLVED | Bundle.STARTING
                    | Bundle.ACTIVE)) != 0) {
                try {
                    return (JsonProvider) b.loadClass(PARSSON_PROVIDER).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | ClassCastException e) {
                    System.getLogger(JsonProviderLookup.class.getName()).log(System.Logger.Level.DEBUG,
                            "nacosgi cmbridge: Parsson bundle " + b.getBundleId() + " gives no provider: " + e);
                }
            }
        }
        return null;
    }
}
