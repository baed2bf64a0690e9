package org.nacosgi.api.naming;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The instances of a service as a server (or the local cache) reported them. Immutable. */
public final class ServiceInfo {
    private final String serviceName;
    private final String groupName;
    private final String clusters;
    private final List<Instance> hosts;
    private final Duration cacheMillis;
    private final long lastRefTime;
    private final String checksum;
    private final boolean reachProtectionThreshold;

    public ServiceInfo(String serviceName, String groupName, String clusters, List<Instance> hosts,
            Duration cacheMillis, long lastRefTime, String checksum, boolean reachProtectionThreshold) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.groupName = Objects.requireNonNull(groupName, "groupName");
        this.clusters = clusters == null ? "" : clusters;
        this.hosts = List.copyOf(hosts);
        this.cacheMillis = Objects.requireNonNull(cacheMillis, "cacheMillis");
        this.lastRefTime = lastRefTime;
        this.checksum = checksum == null ? "" : checksum;
        this.reachProtectionThreshold = reachProtectionThreshold;
    }

    public String serviceName() { return serviceName; }
    public String groupName() { return groupName; }
    /** The clusters asked for, comma-separated; "" for all. */
    public String clusters() { return clusters; }
    public List<Instance> hosts() { return hosts; }
    /** How long the server suggests caching this answer. */
    public Duration cacheMillis() { return cacheMillis; }
    /** The server's version stamp of this list; newer lists have larger values. */
    public long lastRefTime() { return lastRefTime; }
    public String checksum() { return checksum; }
    public boolean reachProtectionThreshold() { return reachProtectionThreshold; }

    @Override
    public String toString() {
        return "ServiceInfo{" + groupName + "@@" + serviceName + " clusters=" + clusters + " hosts=" + hosts.size()
                + " lastRefTime=" + lastRefTime + "}";
    }
}
