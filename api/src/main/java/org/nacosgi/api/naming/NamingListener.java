package org.nacosgi.api.naming;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Called with the changes of a subscribed service on the client's callback pool; one listener sees its events in
 * order. A throwing listener is logged and stays subscribed.
 * <p>
 * Whiteboard: an OSGi service of this type with {@link #SERVICE_NAME} (optionally {@link #GROUP},
 * {@link #CLUSTERS}, {@link #CLIENT_NAME}) is subscribed while it is registered.
 */
@ConsumerType
@FunctionalInterface
public interface NamingListener {
    /** Whiteboard service property: the service to subscribe to (required). */
    String SERVICE_NAME = "nacos.service.name";
    /** Whiteboard service property: the group; default {@value Instance#DEFAULT_GROUP}. */
    String GROUP = "nacos.group";
    /** Whiteboard service property: clusters, a comma-separated text or a string array; default all. */
    String CLUSTERS = "nacos.clusters";
    /** Whiteboard service property: only the client with this name takes the listener; default any client. */
    String CLIENT_NAME = "nacos.client";

    void onEvent(NamingEvent event);

    /** The name {@link NamingService#unsubscribe(String, String)} finds this listener by. */
    default String name() {
        return getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
