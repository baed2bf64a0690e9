package org.nacosgi.api.spi;

import jakarta.json.spi.JsonProvider;
import org.nacosgi.api.ClientOptions;
import org.osgi.annotation.versioning.ProviderType;

/** Creates client runtimes; provided by the transport module (service loader and OSGi service). */
@ProviderType
public interface RuntimeFactory {
    ClientRuntime create(ClientOptions options);

    /**
     * The JSON-P provider this factory's runtimes use, found by the transport's one lookup (in OSGi: a JsonProvider
     * service, else Parsson's bundle); for nacosgi modules that read JSON without a runtime. Asked again on each
     * call. The default, for factories other than the transport's, is {@link JsonProvider#provider()}.
     *
     * @since 1.1
     */
    default JsonProvider json() {
        return JsonProvider.provider();
    }
}
