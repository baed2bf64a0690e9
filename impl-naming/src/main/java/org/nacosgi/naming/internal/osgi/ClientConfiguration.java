package org.nacosgi.naming.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The metatype of the {@code org.nacosgi.client} factory configuration: one attribute per
 * {@link org.nacosgi.api.ClientOptions} key (the same names), secrets as passwords. Durations are milliseconds or
 * a number with ms/s/m. Only what is set reaches {@code ClientOptions.fromMap}; the defaults shown are its own.
 */
@ObjectClassDefinition(id = "org.nacosgi.client", name = "nacosgi client",
        description = "One Nacos client (config and naming services) per configuration")
@interface ClientConfiguration {
    @AttributeDefinition(description = "Server addresses: host, host:port or http(s)://host:port")
    String[] serverAddr();

    @AttributeDefinition(required = false, description = "Context path of the servers")
    String contextPath() default "/nacos";

    @AttributeDefinition(required = false, description = "Address server host (endpoint mode)")
    String endpoint();

    @AttributeDefinition(required = false)
    int endpointPort() default 8080;

    @AttributeDefinition(required = false)
    String endpointClusterName() default "serverlist";

    @AttributeDefinition(required = false, description = "Namespace id; empty for the public namespace")
    String namespace() default "";

    @AttributeDefinition(required = false)
    String username();

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD)
    String password();

    @AttributeDefinition(required = false)
    String accessKey();

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD)
    String secretKey();

    @AttributeDefinition(required = false, options = {@Option(label = "OFF", value = "OFF"), @Option(label = "ERROR", value = "ERROR"),
            @Option(label = "WARNING", value = "WARNING"), @Option(label = "INFO", value = "INFO"), @Option(label = "DEBUG", value = "DEBUG"), @Option(label = "TRACE", value = "TRACE"),
            @Option(label = "ALL", value = "ALL")})
    String logLevel() default "INFO";

    @AttributeDefinition(required = false)
    String logDir();

    @AttributeDefinition(required = false)
    int logRotationCount() default 7;

    @AttributeDefinition(required = false)
    long logFileSize() default 10485760L;

    @AttributeDefinition(required = false, description = "Milliseconds or a number with ms/s/m")
    String defaultTimeout() default "3s";

    @AttributeDefinition(required = false)
    String pullingTimeout() default "30s";

    @AttributeDefinition(required = false)
    int pullingConfigSize() default 3000;

    @AttributeDefinition(required = false)
    int callbackThreadNum() default 10;

    @AttributeDefinition(required = false)
    String failoverDir();

    @AttributeDefinition(required = false)
    String snapshotDir();

    @AttributeDefinition(required = false, description = "Naming disk cache and failover files")
    String namingCacheDir();

    @AttributeDefinition(required = false)
    boolean noSnapshot() default false;

    @AttributeDefinition(required = false, description = "HTTP proxy host:port")
    String proxy();

    @AttributeDefinition(required = false)
    boolean tlsVerify() default true;

    @AttributeDefinition(required = false)
    String trustStore();

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD)
    String trustStorePassword();

    @AttributeDefinition(required = false)
    String trustStoreType() default "PKCS12";

    @AttributeDefinition(required = false)
    boolean debug() default false;

    @AttributeDefinition(required = false, description = "Names the client's threads and services")
    String clientName() default "default";

    @AttributeDefinition(required = false, description = "UDP push for naming subscriptions")
    boolean pushEnabled() default true;

    @AttributeDefinition(required = false)
    String configPollInterval() default "10s";
}
