/** The HTTP transport and client runtime: server list, failover, auth, signing, threads, logging. Exports nothing. */
module org.nacosgi.transport {
    requires transitive org.nacosgi.api;
    requires java.net.http;
    // the client's own rotating log file and debug console use java.util.logging handlers
    requires java.logging;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static org.osgi.annotation.versioning;
    requires static org.osgi.annotation.bundle;

    provides org.nacosgi.api.spi.RuntimeFactory with org.nacosgi.transport.internal.HttpRuntimeFactory;
}
