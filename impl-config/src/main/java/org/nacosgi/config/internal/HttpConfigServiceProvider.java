package org.nacosgi.config.internal;

import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.ConfigServiceProvider;

/** The {@link ConfigServiceProvider} found by the service loader (module path and class path). */
public final class HttpConfigServiceProvider implements ConfigServiceProvider {
    @Override
    public ConfigService create(ClientRuntime runtime) {
        return new HttpConfigService(runtime);
    }
}
