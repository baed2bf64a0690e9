package org.nacosgi.api.naming;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance of a service: address, cluster, weight, flags and metadata. Immutable; build with
 * {@link #builder(String, String, int)}. Equality covers every field.
 */
public final class Instance {
    public static final String DEFAULT_GROUP = "DEFAULT_GROUP";
    /** The cluster the server uses when none is given. */
    public static final String DEFAULT_CLUSTER = "DEFAULT";
    public static final double DEFAULT_WEIGHT = 1.0;
    public static final double MAX_WEIGHT = 10000.0;

    private final String instanceId;
    private final String serviceName;
    private final String groupName;
    private final String ip;
    private final int port;
    private final String clusterName;
    private final double weight;
    private final boolean healthy;
    private final boolean enabled;
    private final boolean ephemeral;
    private final Map<String, String> metadata;

    private Instance(Builder b) {
        this.instanceId = b.instanceId;
        this.serviceName = b.serviceName;
        this.groupName = b.groupName;
        this.ip = b.ip;
        this.port = b.port;
        this.clusterName = b.clusterName;
        this.weight = b.weight;
        this.healthy = b.healthy;
        this.enabled = b.enabled;
        this.ephemeral = b.ephemeral;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    /**
     * A builder; the values are checked by the naming service when used (so a builder never throws), and
     * {@code serviceName} may carry a group as {@code group@@service}.
     */
    public static Builder builder(String serviceName, String ip, int port) {
        return new Builder(serviceName, ip, port);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The server's id ({@code ip#port#cluster#group@@service}) when it sent one. */
    public Optional<String> instanceId() { return Optional.ofNullable(instanceId); }
    /** The service name without group. */
    public String serviceName() { return serviceName; }
    public String groupName() { return groupName; }
    public String ip() { return ip; }
    public int port() { return port; }
    /** The cluster; {@value #DEFAULT_CLUSTER} when none was given. */
    public String clusterName() { return clusterName; }
    public double weight() { return weight; }
    public boolean healthy() { return healthy; }
    public boolean enabled() { return enabled; }
    public boolean ephemeral() { return ephemeral; }
    public Map<String, String> metadata() { return metadata; }

    /** {@code ip:port}, the key of an instance within a service and cluster. */
    public String address() {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Instance)) {
            return false;
        }
        Instance that = (Instance) o;
        return port == that.port && Double.compare(weight, that.weight) == 0 && healthy == that.healthy
                && enabled == that.enabled && ephemeral == that.ephemeral
                && Objects.equals(instanceId, that.instanceId) && serviceName.equals(that.serviceName)
                && groupName.equals(that.groupName) && ip.equals(that.ip) && clusterName.equals(that.clusterName)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serviceName, groupName, ip, port, clusterName, weight, healthy, enabled, ephemeral,
                metadata);
    }

    @Override
    public String toString() {
        return "Instance{" + groupName + "@@" + serviceName + " " + address() + " cluster=" + clusterName
                + " weight=" + weight + " healthy=" + healthy + " enabled=" + enabled + " ephemeral=" + ephemeral
                + " metadata=" + metadata + "}";
    }

    /** Not thread-safe. */
    public static final class Builder {
        private String instanceId;
        private String serviceName;
        private String groupName = DEFAULT_GROUP;
        private String ip;
        private int port;
        private String clusterName = DEFAULT_CLUSTER;
        private double weight = DEFAULT_WEIGHT;
        private boolean healthy = true;
        private boolean enabled = true;
        private boolean ephemeral = true;
        private Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String serviceName, String ip, int port) {
            serviceName(serviceName);
            this.ip = ip;
            this.port = port;
        }

        private Builder(Instance i) {
            instanceId = i.instanceId;
            serviceName = i.serviceName;
            groupName = i.groupName;
            ip = i.ip;
            port = i.port;
            clusterName = i.clusterName;
            weight = i.weight;
            healthy = i.healthy;
            enabled = i.enabled;
            ephemeral = i.ephemeral;
            metadata = new LinkedHashMap<>(i.metadata);
        }

        /** Sets the service; {@code group@@service} also sets the group. */
        public Builder serviceName(String serviceName) {
            if (serviceName != null) {
                int sep = serviceName.indexOf("@@");
                if (sep >= 0) {
                    this.groupName = serviceName.substring(0, sep);
                    this.serviceName = serviceName.substring(sep + 2);
                    return this;
                }
            }
            this.serviceName = serviceName;
            return this;
        }

        public Builder instanceId(String instanceId) { this.instanceId = instanceId; return this; }
        /** Null or empty means {@value #DEFAULT_GROUP}. */
        public Builder groupName(String groupName) {
            this.groupName = groupName == null || groupName.isEmpty() ? DEFAULT_GROUP : groupName;
            return this;
        }
        public Builder ip(String ip) { this.ip = ip; return this; }
        public Builder port(int port) { this.port = port; return this; }
        /** Null or empty means the server's default cluster, {@value #DEFAULT_CLUSTER}. */
        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName == null || clusterName.isEmpty() ? DEFAULT_CLUSTER : clusterName;
            return this;
        }
        public Builder weight(double weight) { this.weight = weight; return this; }
        public Builder healthy(boolean healthy) { this.healthy = healthy; return this; }
        public Builder enabled(boolean enabled) { this.enabled = enabled; return this; }
        public Builder ephemeral(boolean ephemeral) { this.ephemeral = ephemeral; return this; }
        /** Replaces the metadata; null means none. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
            return this;
        }
        public Builder putMetadata(String key, String value) { this.metadata.put(key, value); return this; }

        public Instance build() {
            return new Instance(this);
        }
    }
}
