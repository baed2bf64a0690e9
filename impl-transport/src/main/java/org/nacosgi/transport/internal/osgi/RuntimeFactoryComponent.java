package org.nacosgi.transport.internal.osgi;

import jakarta.json.spi.JsonProvider;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.transport.internal.HttpRuntimeFactory;
import org.nacosgi.transport.internal.JsonProviders;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the {@link RuntimeFactory} service in OSGi. The JSON-P provider of each new runtime, and of
 * {@link #json()} (which the ConfigAdmin bridge uses), comes from {@link JsonProviders}: a {@link JsonProvider} service if one is registered, else Parsson's class loaded through
 * the {@code org.eclipse.parsson} bundle (no package import: Parsson does not export it), else the service loader.
 */
@Component(service = RuntimeFactory.class, immediate = true)
public final class RuntimeFactoryComponent implements RuntimeFactory {
    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JsonProvider jsonService;

    @Activate
    public RuntimeFactoryComponent(BundleContext context) {
        this.context = context;
    }

    @Override
    public ClientRuntime create(ClientOptions options) {
        return new HttpRuntimeFactory(this::json).create(options);
    }

    /** Looked up on each call, so a JsonProvider service registered later is used from then on. */
    @Override
    public JsonProvider json() {
        return JsonProviders.find(jsonService, this::parssonProviderClass);
    }

    private Class<?> parssonProviderClass() {
        for (Bundle bundle : context.getBundles()) {
            if (JsonProviders.PARSSON_BUNDLE.equals(bundle.getSymbolicName())
                    && (bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                try {
                    return bundle.loadClass(JsonProviders.PARSSON_PROVIDER);
                } catch (ClassNotFoundException | IllegalStateException e) {
                    // another version or an uninstalled bundle: look further
                }
            }
        }
        return null;
    }
}
