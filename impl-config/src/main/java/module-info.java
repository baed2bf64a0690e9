/** The config service over the runtime, and its DS components. Exports nothing. */
module org.nacosgi.config {
    requires org.nacosgi.api;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.osgi.annotation.versioning;
    requires static org.osgi.annotation.bundle;

    provides org.nacosgi.api.spi.ConfigServiceProvider with org.nacosgi.config.internal.HttpConfigServiceProvider;
}
