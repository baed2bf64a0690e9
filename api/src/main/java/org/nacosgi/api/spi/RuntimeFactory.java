package org.nacosgi.api.spi;

import org.nacosgi.api.ClientOptions;
import org.osgi.annotation.versioning.ProviderType;

/** Creates client runtimes; provided by the transport module (service loader and OSGi service). */
@ProviderType
public interface RuntimeFactory {
    ClientRuntime create(ClientOptions options);
}
