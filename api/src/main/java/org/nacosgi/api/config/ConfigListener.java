package org.nacosgi.api.config;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Called with the changes of a watched config item, on the client's callback pool: one listener sees its events
 * in order, never an older content after a newer, and never waits for another listener.
 * <p>
 * Whiteboard: an OSGi service of this type with the property {@link #DATA_ID} (and optionally {@link #GROUP} and
 * {@link #CLIENT_NAME}) is watched while it is registered.
 */
@ConsumerType
@FunctionalInterface
public interface ConfigListener {
    /** Whiteboard service property: the data id to watch (required). */
    String DATA_ID = "nacos.data.id";
    /** Whiteboard service property: the group; default {@value ConfigService#DEFAULT_GROUP}. */
    String GROUP = "nacos.group";
    /** Whiteboard service property: only the client with this name takes the listener; default any client. */
    String CLIENT_NAME = "nacos.client";

    void onChange(ConfigChangeEvent event);
}
