package org.nacosgi.api.naming;

/**
 * The whiteboard contract for registering instances: any OSGi service carrying {@link #SERVICE} (and optionally
 * the other properties here) is registered in Nacos, with heartbeats, while it is registered, and deregistered
 * when it goes away or its bundle stops.
 */
public final class InstanceRegistration {
    /** The Nacos service name (required). */
    public static final String SERVICE = "nacos.instance.service";
    /** The instance IP; default the host's address. */
    public static final String IP = "nacos.instance.ip";
    /** The instance port (required). */
    public static final String PORT = "nacos.instance.port";
    public static final String GROUP = "nacos.instance.group";
    public static final String CLUSTER = "nacos.instance.cluster";
    public static final String WEIGHT = "nacos.instance.weight";
    /** Metadata as {@code k=v} strings (array or comma-separated) or a JSON object text. */
    public static final String METADATA = "nacos.instance.metadata";
    /** Only the client with this name registers the instance; default any client. */
    public static final String CLIENT_NAME = "nacos.client";

    private InstanceRegistration() {
    }
}
