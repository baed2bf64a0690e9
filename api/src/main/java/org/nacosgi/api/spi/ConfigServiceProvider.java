package org.nacosgi.api.spi;

import org.nacosgi.api.config.ConfigService;
import org.osgi.annotation.versioning.ProviderType;

/** Creates the config service over a runtime; it stops its work when the runtime closes. */
@ProviderType
public interface ConfigServiceProvider {
    ConfigService create(ClientRuntime runtime);
}
