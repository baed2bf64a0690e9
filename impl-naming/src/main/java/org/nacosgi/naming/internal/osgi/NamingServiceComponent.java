package org.nacosgi.naming.internal.osgi;

import java.util.AbstractMap;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
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
 * <p>
 * The constructor only reads the configuration: SCR may discard a constructed instance without calling deactivate
 * (when the runtime factory goes away while the component is being activated), so everything that needs closing is
 * started in {@link #activate()}. SCR binds listeners before activate; those are kept and handed over then.
 */
@Component(name = "org.nacosgi.naming", configurationPid = "org.nacosgi.client",
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ClientConfiguration.class, factory = true)
public final class NamingServiceComponent {
    private static final String SERVICE_ID = "service.id";

    private final BundleContext context;
    private final ClientOptions options;
    private final RuntimeFactory runtimeFactory;
    /** Listeners bound before activate, by service id. Guarded by this, as are the two fields below. */
    private final Map<Object, Map.Entry<NamingListener, Map<String, Object>>> early = new LinkedHashMap<>();
    private Running running;
    private boolean deactivated;

    @Activate
    public NamingServiceComponent(BundleContext context, Map<String, Object> properties,
            @Reference RuntimeFactory runtimeFactory) {
        this.context = context;
        this.options = ClientOptions.fromMap(properties);
        this.runtimeFactory = runtimeFactory;
    }

    @Activate
    void activate() {
        ClientRuntime runtime = runtimeFactory.create(options);
        Running r = null;
        try {
            System.Logger log = runtime.logger(NamingServiceComponent.class);
            HttpNamingService naming = new HttpNamingService(runtime);
            runtime.onClose(naming);
            r = new Running(runtime, new ListenerWhiteboard(naming, options.clientName(), log),
                    new RegistrationWhiteboard(naming, options.clientName(), log));
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(NamingService.CLIENT_NAME, options.clientName());
            props.put(NamingService.NAMESPACE, options.namespace());
            r.registration = context.registerService(NamingService.class, naming, props);
            r.tracker = new ServiceTracker<>(context, context.createFilter("(" + InstanceRegistration.SERVICE + "=*)"), r);
            // all services, whatever packages their bundles wire to: only properties are read
            r.tracker.open(true);
        } catch (RuntimeException | InvalidSyntaxException e) {
            if (r != null) {
                r.close();
            } else {
                runtime.close();
            }
            throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
        }
        if (!takeOver(r)) {
            r.close(); // deactivated while activating
        }
    }

    /** Makes {@code r} the running client and hands it the listeners bound so far, unless deactivated. */
    private synchronized boolean takeOver(Running r) {
        if (deactivated) {
            return false;
        }
        running = r;
        early.values().forEach(l -> r.listeners.added(l.getKey(), l.getValue()));
        early.clear();
        return true;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = NamingListener.class, name = "listeners")
    void bindListener(NamingListener listener, Map<String, Object> properties) {
        ListenerWhiteboard listeners = listenersOrKeep(listener, properties);
        if (listeners != null) {
            listeners.added(listener, properties);
        }
    }

    void updatedListener(NamingListener listener, Map<String, Object> properties) {
        ListenerWhiteboard listeners = listenersOrKeep(listener, properties);
        if (listeners != null) {
            listeners.modified(listener, properties);
        }
    }

    void unbindListener(NamingListener listener, Map<String, Object> properties) {
        ListenerWhiteboard listeners;
        synchronized (this) {
            if (running == null) {
                early.remove(properties.get(SERVICE_ID));
                return;
            }
            listeners = running.listeners;
        }
        listeners.removed(properties);
    }

    @Deactivate
    void deactivate() {
        Running r;
        synchronized (this) {
            deactivated = true;
            early.clear();
            r = running;
            running = null;
        }
        if (r != null) {
            r.close();
        }
    }

    /** The listener whiteboard once active; before that the listener is kept for activate (null is returned). */
    private synchronized ListenerWhiteboard listenersOrKeep(NamingListener listener, Map<String, Object> properties) {
        if (running != null) {
            return running.listeners;
        }
        Object id = properties.get(SERVICE_ID);
        if (!deactivated && id != null) {
            early.put(id, new AbstractMap.SimpleImmutableEntry<>(listener, properties));
        }
        return null;
    }

    /**
     * What activate started; closed once, by whoever takes it out of {@link #running}. Also the tracker's
     * customizer: instance registration services go to the registration whiteboard.
     */
    private static final class Running implements ServiceTrackerCustomizer<Object, ServiceReference<Object>> {
        final ClientRuntime runtime;
        final ListenerWhiteboard listeners;
        final RegistrationWhiteboard registrations;
        // set by activate before it publishes this object under the component's lock
        ServiceRegistration<NamingService> registration;
        ServiceTracker<Object, ServiceReference<Object>> tracker;

        Running(ClientRuntime runtime, ListenerWhiteboard listeners, RegistrationWhiteboard registrations) {
            this.runtime = runtime;
            this.listeners = listeners;
            this.registrations = registrations;
        }

        void close() {
            try {
                if (tracker != null) {
                    tracker.close();
                }
            } catch (IllegalStateException e) {
                // the bundle is stopping: its service listeners are gone already
            }
            try {
                if (registration != null) {
                    registration.unregister();
                }
            } catch (IllegalStateException e) {
                // already unregistered because the bundle is stopping
            }
            listeners.close();
            registrations.close();
            runtime.close();
        }

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

    private static Map<String, Object> properties(ServiceReference<?> ref) {
        Map<String, Object> m = new HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            m.put(key, ref.getProperty(key));
        }
        return m;
    }
}
