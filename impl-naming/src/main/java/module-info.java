/** The naming service over the runtime, and its DS components. Exports nothing. */
module org.nacosgi.naming {
    requires org.nacosgi.api;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.osgi.annotation.versioning;
    requires static org.osgi.annotation.bundle;

    provides org.nacosgi.api.spi.NamingServiceProvider with org.nacosgi.naming.internal.HttpNamingServiceProvider;
}
