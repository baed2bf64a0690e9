package org.nacosgi.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A registered instance (mutable; guarded by the InstanceStore lock). */
final class Instance {
    final String ip;
    final int port;
    final boolean ephemeral;
    String cluster;
    double weight;
    boolean healthy;
    boolean enabled;
    Map<String, String> metadata;
    /** Set by PUT (replaced each time) / PATCH (merged): 2.x keeps these apart from the registration. */
    Double overlayWeight;
    Boolean overlayEnabled;
    Map<String, String> overlayMetadata;
    boolean showInstanceId;
    long lastBeatMillis;
    long registeredMillis;

    Instance(String ip, int port, boolean ephemeral) {
        this.ip = ip;
        this.port = port;
        this.ephemeral = ephemeral;
    }

    Host snapshot(String groupedName) {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        if (overlayMetadata != null) {
            meta.putAll(overlayMetadata);
        }
        return new Host(ip, port, cluster, overlayWeight != null ? overlayWeight : weight, healthy,
                overlayEnabled != null ? overlayEnabled : enabled, ephemeral, meta,
                showInstanceId ? ip + "#" + port + "#" + cluster + "#" + groupedName : null);
    }
}
