package org.nacosgi.config.internal.osgi;

import java.util.AbstractMap;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.config.internal.ConfigListenerWhiteboard;
import org.nacosgi.config.internal.HttpConfigService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One config client per factory configuration of {@code org.nacosgi.client}: builds the runtime and the
 * {@link ConfigService}, registers it with {@code nacos.client} and {@code nacos.namespace}, and runs the
 * {@link ConfigListener} whiteboard for it. A new configuration means a fresh client (no in-place modification).
 * <p>
 * The constructor only reads the configuration: SCR may discard a constructed instance without calling deactivate
 * (when the runtime factory goes away while the component is being activated), so everything that needs closing is
 * started in {@link #activate()}. SCR binds listeners before activate; those are kept and handed over then.
 */
@Component(configurationPid = ConfigServiceComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = ConfigServiceComponent.Config.class, factory = true)
public final class ConfigServiceComponent {
    static final String PID = "org.nacosgi.client";
    private static final String SERVICE_ID = "service.id";

    private final BundleContext context;
    private final ClientOptions options;
    private final RuntimeFactory runtimeFactory;
    /** Listeners bound before activate, by service id. Guarded by this, as are the fields below. */
    private final Map<Object, Map.Entry<ConfigListener, Map<String, Object>>> early = new LinkedHashMap<>();
    /** What activate started: set together, taken out together and then closed once, by whoever took them out. */
    private ClientRuntime runtime;
    private ConfigListenerWhiteboard whiteboard;
    private ServiceRegistration<ConfigService> registration;
    private boolean deactivated;

    @Activate
    public ConfigServiceComponent(BundleContext context, Map<String, Object> properties,
            @Reference(name = "runtimeFactory") RuntimeFactory runtimeFactory) {
        this.context = context;
        this.options = ClientOptions.fromMap(properties);
        this.runtimeFactory = runtimeFactory;
    }

    @Activate
    void activate() {
        ClientRuntime rt = runtimeFactory.create(options);
        ConfigListenerWhiteboard wb = null;
        ServiceRegistration<ConfigService> reg = null;
        try {
            HttpConfigService service = new HttpConfigService(rt);
            wb = new ConfigListenerWhiteboard(service, options.clientName(), rt.logger(ConfigListenerWhiteboard.class));
            Dictionary<String, Object> serviceProperties = new Hashtable<>();
            serviceProperties.put(ConfigService.CLIENT_NAME, options.clientName());
            serviceProperties.put(ConfigService.NAMESPACE, options.namespace());
            reg = context.registerService(ConfigService.class, service, serviceProperties);
        } catch (RuntimeException e) {
            close(rt, wb, reg);
            throw e;
        }
        if (!takeOver(rt, wb, reg)) {
            close(rt, wb, reg); // deactivated while activating
        }
    }

    /** Makes what activate started the running client and hands it the listeners bound so far, unless deactivated. */
    private synchronized boolean takeOver(ClientRuntime rt, ConfigListenerWhiteboard wb,
            ServiceRegistration<ConfigService> reg) {
        if (deactivated) {
            return false;
        }
        runtime = rt;
        whiteboard = wb;
        registration = reg;
        early.values().forEach(l -> wb.bind(l.getKey(), l.getValue()));
        early.clear();
        return true;
    }

    @Reference(name = "listener", service = ConfigListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindListener(ConfigListener listener, Map<String, Object> properties) {
        ConfigListenerWhiteboard wb = whiteboardOrKeep(listener, properties);
        if (wb != null) {
            wb.bind(listener, properties);
        }
    }

    void updatedListener(ConfigListener listener, Map<String, Object> properties) {
        ConfigListenerWhiteboard wb = whiteboardOrKeep(listener, properties);
        if (wb != null) {
            wb.updated(listener, properties);
        }
    }

    void unbindListener(ConfigListener listener, Map<String, Object> properties) {
        ConfigListenerWhiteboard wb;
        synchronized (this) {
            if (whiteboard == null) {
                early.remove(properties.get(SERVICE_ID));
                return;
            }
            wb = whiteboard;
        }
        wb.unbind(listener, properties);
    }

    @Deactivate
    void deactivate() {
        ClientRuntime rt;
        ConfigListenerWhiteboard wb;
        ServiceRegistration<ConfigService> reg;
        synchronized (this) {
            deactivated = true;
            early.clear();
            rt = runtime;
            wb = whiteboard;
            reg = registration;
            runtime = null;
            whiteboard = null;
            registration = null;
        }
        if (rt != null) {
            close(rt, wb, reg);
        }
    }

    /** The whiteboard once active; before that the listener is kept for activate (null is returned). */
    private synchronized ConfigListenerWhiteboard whiteboardOrKeep(ConfigListener listener,
            Map<String, Object> properties) {
        if (whiteboard != null) {
            return whiteboard;
        }
        Object id = properties.get(SERVICE_ID);
        if (!deactivated && id != null) {
            early.put(id, new AbstractMap.SimpleImmutableEntry<>(listener, properties));
        }
        return null;
    }

    /** Closes what activate started (the parts it got to: a failed activate has no registration, maybe no board). */
    private static void close(ClientRuntime runtime, ConfigListenerWhiteboard whiteboard,
            ServiceRegistration<ConfigService> registration) {
        try {
            if (registration != null) {
                registration.unregister();
            }
        } catch (IllegalStateException e) {
            // already unregistered because the bundle is stopping
        }
        if (whiteboard != null) {
            whiteboard.close();
        }
        runtime.close();
    }

    /** The client options as ConfigAdmin keys; defaults are those of {@link ClientOptions}. */
    @ObjectClassDefinition(id = PID, name = "nacosgi client",
            description = "One Nacos client (config and naming) per factory configuration")
    @interface Config {
        @AttributeDefinition(required = false, description = "Comma-separated host, host:port or scheme://host:port")
        String serverAddr();

        @AttributeDefinition(required = false, description = "Context path of the servers, default /nacos")
        String contextPath();

        @AttributeDefinition(required = false, description = "Address server host (endpoint mode)")
        String endpoint();

        @AttributeDefinition(required = false, description = "Address server port, default 8080")
        int endpointPort();

        @AttributeDefinition(required = false, description = "Address server cluster name, default serverlist")
        String endpointClusterName();

        @AttributeDefinition(required = false, description = "Namespace id; empty for the public namespace")
        String namespace();

        @AttributeDefinition(required = false)
        String username();

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD)
        String password();

        @AttributeDefinition(required = false)
        String accessKey();

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD)
        String secretKey();

        @AttributeDefinition(required = false, description = "ALL, TRACE, DEBUG, INFO, WARNING, ERROR or OFF")
        String logLevel();

        @AttributeDefinition(required = false, description = "Directory of the client's own log file")
        String logDir();

        @AttributeDefinition(required = false, description = "Rotated log files kept, default 7")
        int logRotationCount();

        @AttributeDefinition(required = false, description = "Log file size in bytes before rotation")
        long logFileSize();

        @AttributeDefinition(required = false, description = "Default call timeout: ms, PT3S or 3s; default 3 s")
        String defaultTimeout();

        @AttributeDefinition(required = false, description = "Long-poll timeout; default 30 s")
        String pullingTimeout();

        @AttributeDefinition(required = false, description = "Keys per long-poll request, default 3000")
        int pullingConfigSize();

        @AttributeDefinition(required = false, description = "Threads calling listeners, default 10")
        int callbackThreadNum();

        @AttributeDefinition(required = false, description = "Failover files root, default ~/.nacosgi/failover")
        String failoverDir();

        @AttributeDefinition(required = false, description = "Snapshot root, default ~/.nacosgi/snapshot")
        String snapshotDir();

        @AttributeDefinition(required = false, description = "Naming cache root, default ~/.nacosgi/naming")
        String namingCacheDir();

        @AttributeDefinition(required = false, description = "Never serve snapshots")
        boolean noSnapshot();

        @AttributeDefinition(required = false, description = "HTTP proxy host:port")
        String proxy();

        @AttributeDefinition(required = false, description = "Verify TLS certificates, default true")
        boolean tlsVerify();

        @AttributeDefinition(required = false)
        String trustStore();

        @AttributeDefinition(required = false, type = AttributeType.PASSWORD)
        String trustStorePassword();

        @AttributeDefinition(required = false, description = "Trust store type, default PKCS12")
        String trustStoreType();

        @AttributeDefinition(required = false, description = "Detailed logs on standard error")
        boolean debug();

        @AttributeDefinition(required = false, description = "Names the client's threads and services, default default")
        String clientName();

        @AttributeDefinition(required = false, description = "Ask for UDP push of naming changes, default true")
        boolean pushEnabled();

        @AttributeDefinition(required = false, description = "Config md5 poll interval on 3.2+ servers, default 10 s")
        String configPollInterval();
    }
}
