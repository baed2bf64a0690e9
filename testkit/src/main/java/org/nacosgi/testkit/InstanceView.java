package org.nacosgi.testkit;

import java.util.Collections;
import java.util.Map;

/** A registered instance as the server holds it right now (not the delayed list view). Immutable. */
public final class InstanceView {
    private final String ip;
    private final int port;
    private final String clusterName;
    private final double weight;
    private final boolean healthy;
    private final boolean enabled;
    private final boolean ephemeral;
    private final Map<String, String> metadata;

    public InstanceView(String ip, int port, String clusterName, double weight, boolean healthy, boolean enabled,
            boolean ephemeral, Map<String, String> metadata) {
        this.ip = ip;
        this.port = port;
        this.clusterName = clusterName;
        this.weight = weight;
        this.healthy = healthy;
        this.enabled = enabled;
        this.ephemeral = ephemeral;
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    public String ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    public String clusterName() {
        return clusterName;
    }

    public double weight() {
        return weight;
    }

    public boolean healthy() {
        return healthy;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return ip + ":" + port + "@" + clusterName + (healthy ? "" : " unhealthy") + (enabled ? "" : " disabled");
    }
}
