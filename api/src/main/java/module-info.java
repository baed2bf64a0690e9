/**
 * The nacosgi public API: client options, the config and naming services, their listeners and values,
 * the exception hierarchy, and the provider SPI that nacosgi's own implementation modules fill in.
 */
module org.nacosgi.api {
    requires transitive jakarta.json;
    requires static org.osgi.annotation.versioning;
    requires static org.osgi.annotation.bundle;
    requires static org.osgi.service.component.annotations;

    exports org.nacosgi.api;
    exports org.nacosgi.api.config;
    exports org.nacosgi.api.naming;
    exports org.nacosgi.api.spi;
    exports org.nacosgi.api.whiteboard;

    uses org.nacosgi.api.spi.RuntimeFactory;
    uses org.nacosgi.api.spi.ConfigServiceProvider;
    uses org.nacosgi.api.spi.NamingServiceProvider;
}
