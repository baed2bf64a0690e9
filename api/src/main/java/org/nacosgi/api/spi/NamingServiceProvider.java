package org.nacosgi.api.spi;

import org.nacosgi.api.naming.NamingService;
import org.osgi.annotation.versioning.ProviderType;

/** Creates the naming service over a runtime; it stops its work (and deregisters its instances) when the runtime closes. */
@ProviderType
public interface NamingServiceProvider {
    NamingService create(ClientRuntime runtime);
}
