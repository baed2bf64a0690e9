package org.nacosgi.naming.internal;

import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.NamingServiceProvider;

/** Found by the service loader (module path and class path): the naming service over a runtime, closed with it. */
public final class HttpNamingServiceProvider implements NamingServiceProvider {
    @Override
    public NamingService create(ClientRuntime runtime) {
        HttpNamingService service = new HttpNamingService(runtime);
        runtime.onClose(service);
        return service;
    }
}
