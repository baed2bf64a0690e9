package org.nacosgi.naming.internal.osgi;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.naming.InstanceRegistration;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.spi.ClientRuntime;
import org.nacosgi.api.spi.RuntimeFactory;
import org.nacosgi.naming.internal.HttpNamingService;
import org.nacosgi.naming.internal.ListenerWhiteboard;
import org.nacosgi.naming.internal.RegistrationWhiteboard;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * One naming client per factory configuration {@code org.nacosgi.client} (the same configuration drives the config
 * service): options from the configuration, a runtime from the transport's {@link RuntimeFactory}, the
 * {@link NamingService} registered with {@code nacos.client} and {@code nacos.namespace}, and both whiteboards
 * (listeners; instance registrations). Deactivation closes the runtime, which deregisters the instances.
 */
@Component(name = "org.nacosgi.naming", configurationPid = "org.nacosgi.client",
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ClientConfiguration.class, factory = true)
public final class NamingServiceComponent {
    private final ClientRuntime runtime;
    private final ListenerWhiteboard listeners;
    private final RegistrationWhiteboard registrations;
    private final ServiceRegistration<NamingService> registration;
    private final ServiceTracker<Object, ServiceReference<Object>> tracker;

    @Activate
    public NamingServiceComponent(BundleContext context, Map<String, Object> properties,
            @Reference RuntimeFactory runtimeFactory) {
        ClientOptions options = ClientOptions.fromMap(properties);
        this.runtime = runtimeFactory.create(options);
        try {
            System.Logger log = runtime.logger(NamingServiceComponent.class);
            HttpNamingService naming = new HttpNamingService(runtime);
            runtime.onClose(naming);
            this.listeners = new ListenerWhiteboard(naming, options.clientName(), log);
            this.registrations = new RegistrationWhiteboard(naming, options.clientName(), log);
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(NamingService.CLIENT_NAME, options.clientName());
            props.put(NamingService.NAMESPACE, options.namespace());
            this.registration = context.registerService(NamingService.class, naming, props);
            this.tracker = new ServiceTracker<>(context,
                    context.createFilter("(" + InstanceRegistration.SERVICE + "=*)"), new RegistrationTracker());
            // all services, whatever packages their bundles wire to: only properties are read
            tracker.open(true);
        } catch (RuntimeException | InvalidSyntaxException e) {
            runtime.close();
            throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = NamingListener.class, name = "listeners")
    void bindListener(NamingListener listener, Map<String, Object> properties) {
        listeners.added(listener, properties);
    }

    void updatedListener(NamingListener listener, Map<String, Object> properties) {
        listeners.modified(listener, properties);
    }

    void unbindListener(NamingListener listener, Map<String, Object> properties) {
        listeners.removed(properties);
    }

    @Deactivate
    void deactivate() {
        try {
            tracker.close();
            registration.unregister();
        } catch (IllegalStateException e) {
            // the framework is stopping: the registration is gone already
        } finally {
            listeners.close();
            registrations.close();
            runtime.close();
        }
    }

    private static Map<String, Object> properties(ServiceReference<?> ref) {
        Map<String, Object> m = new HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            m.put(key, ref.getProperty(key));
        }
        return m;
    }

    private final class RegistrationTracker implements ServiceTrackerCustomizer<Object, ServiceReference<Object>> {
        @Override
        public ServiceReference<Object> addingService(ServiceReference<Object> ref) {
            registrations.added(properties(ref));
            return ref;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, ServiceReference<Object> tracked) {
            registrations.modified(properties(ref));
        }

        @Override
        public void removedService(ServiceReference<Object> ref, ServiceReference<Object> tracked) {
            registrations.removed(properties(ref));
        }
    }
}
