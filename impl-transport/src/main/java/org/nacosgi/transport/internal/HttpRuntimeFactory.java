package org.nacosgi.transport.internal;

import jakarta.json.spi.JsonProvider;
import java.util.Objects;
import java.util.function.Supplier;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;

/**
 * Creates {@link HttpClientRuntime}s. Found by the service loader in plain Java (no-argument constructor:
 * {@link JsonProvider#provider()}); the OSGi component passes its own JSON-P lookup.
 */
public final class HttpRuntimeFactory implements RuntimeFactory {
    private final Supplier<JsonProvider> json;

    public HttpRuntimeFactory() {
        this(JsonProviders::find);
    }

    public HttpRuntimeFactory(Supplier<JsonProvider> json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public ClientRuntime create(ClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new HttpClientRuntime(options, json.get());
    }

    @Override
    public JsonProvider json() {
        return json.get();
    }
}
