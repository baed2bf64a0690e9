package org.nacosgi.testkit.internal;

import java.util.List;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** ServiceInfo and instance JSON as 2.x (allIPs) and 3.x (allIps) write them. */
final class ServiceInfoJson {
    private final Core core;

    ServiceInfoJson(Core core) {
        this.core = core;
    }

    JsonObject host(Host h, String grouped, boolean withInstanceId) {
        JsonObjectBuilder b = core.json.obj();
        if (withInstanceId && h.instanceId != null) {
            b.add("instanceId", h.instanceId);
        }
        b.add("ip", h.ip).add("port", h.port).add("weight", h.weight).add("healthy", h.healthy)
                .add("enabled", h.enabled).add("ephemeral", h.ephemeral).add("clusterName", h.cluster)
                .add("serviceName", grouped).add("metadata", core.json.metadataObject(h.metadata))
                .add("instanceHeartBeatInterval", h.metaMillis("preserved.heart.beat.interval", 5000))
                .add("instanceHeartBeatTimeOut", h.metaMillis("preserved.heart.beat.timeout", 15000))
                .add("ipDeleteTimeout", h.metaMillis("preserved.ip.delete.timeout", 30000));
        if (h.metadata.isEmpty()) {
            b.add("instanceIdGenerator", "simple");
        }
        return b.build();
    }

    /** The ServiceInfo of a list answer ({@code withGroupName}) or a UDP push (without). */
    JsonObject serviceInfo(String group, String name, String clusters, List<Host> hosts, long lastRefTime,
            boolean withGroupName) {
        String grouped = group + "@@" + name;
        JsonArrayBuilder a = core.json.arr();
        for (Host h : hosts) {
            a.add(host(h, grouped, true));
        }
        JsonObjectBuilder b = core.json.obj().add("name", grouped);
        if (withGroupName) {
            b.add("groupName", group);
        }
        b.add("clusters", clusters).add("cacheMillis", 10000).add("hosts", a).add("lastRefTime", lastRefTime)
                .add("checksum", "").add(core.settings.v3() ? "allIps" : "allIPs", false)
                .add("reachProtectionThreshold", false).add("valid", true);
        return b.build();
    }

    /** The hosts a v1 list shows: enabled ones, in the requested clusters, healthy ones only if asked. */
    static List<Host> select(List<Host> hosts, String clusters, boolean healthyOnly) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        if (clusters != null && !clusters.isBlank()) {
            for (String c : clusters.split(",")) {
                wanted.add(c.trim());
            }
        }
        List<Host> out = new java.util.ArrayList<>();
        for (Host h : hosts) {
            if (!h.enabled || (!wanted.isEmpty() && !wanted.contains(h.cluster)) || (healthyOnly && !h.healthy)) {
                continue;
            }
            out.add(h);
        }
        return out;
    }
}
