package org.nacosgi.testkit.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An instance's effective state at one moment (lists, pushes and detail are built from these). Immutable. */
final class Host {
    final String ip;
    final int port;
    final String cluster;
    final double weight;
    final boolean healthy;
    final boolean enabled;
    final boolean ephemeral;
    final Map<String, String> metadata;
    /** Null when the instance was registered through v2/v3 (those lists show no instanceId). */
    final String instanceId;

    Host(String ip, int port, String cluster, double weight, boolean healthy, boolean enabled, boolean ephemeral,
            Map<String, String> metadata, String instanceId) {
        this.ip = ip;
        this.port = port;
        this.cluster = cluster;
        this.weight = weight;
        this.healthy = healthy;
        this.enabled = enabled;
        this.ephemeral = ephemeral;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.instanceId = instanceId;
    }

    long metaMillis(String key, long dflt) {
        String v = metadata.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
