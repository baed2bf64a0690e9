package org.nacosgi.api.naming;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which instances to list or subscribe to: service, group, clusters, namespace and health filter. Immutable;
 * equality defines "the same subscription".
 */
public final class ServiceQuery {
    private final String serviceName;
    private final String groupName;
    private final List<String> clusters;
    private final String namespaceId;
    private final boolean healthyOnly;

    private ServiceQuery(Builder b) {
        this.serviceName = b.serviceName;
        this.groupName = b.groupName;
        this.clusters = List.copyOf(b.clusters);
        this.namespaceId = b.namespaceId;
        this.healthyOnly = b.healthyOnly;
    }

    /** All instances of a service in {@value Instance#DEFAULT_GROUP} (or {@code group@@service}). */
    public static ServiceQuery of(String serviceName) {
        return builder(serviceName).build();
    }

    public static Builder builder(String serviceName) {
        return new Builder(serviceName);
    }

    public Builder toBuilder() {
        return new Builder(serviceName).groupName(groupName).clusters(clusters).namespaceId(namespaceId)
                .healthyOnly(healthyOnly);
    }

    public String serviceName() { return serviceName; }
    public String groupName() { return groupName; }
    /** Clusters to include; empty for all. */
    public List<String> clusters() { return clusters; }
    /** The namespace; empty means the client's namespace. */
    public Optional<String> namespaceId() { return Optional.ofNullable(namespaceId); }
    public boolean healthyOnly() { return healthyOnly; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServiceQuery)) {
            return false;
        }
        ServiceQuery q = (ServiceQuery) o;
        return healthyOnly == q.healthyOnly && Objects.equals(serviceName, q.serviceName)
                && Objects.equals(groupName, q.groupName) && clusters.equals(q.clusters)
                && Objects.equals(namespaceId, q.namespaceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serviceName, groupName, clusters, namespaceId, healthyOnly);
    }

    @Override
    public String toString() {
        return groupName + "@@" + serviceName + (clusters.isEmpty() ? "" : " clusters=" + clusters)
                + (namespaceId == null ? "" : " namespace=" + namespaceId) + (healthyOnly ? " healthyOnly" : "");
    }

    /** Not thread-safe; values are checked by the naming service. */
    public static final class Builder {
        private String serviceName;
        private String groupName = Instance.DEFAULT_GROUP;
        private List<String> clusters = List.of();
        private String namespaceId;
        private boolean healthyOnly;

        private Builder(String serviceName) {
            if (serviceName != null && serviceName.contains("@@")) {
                int sep = serviceName.indexOf("@@");
                this.groupName = serviceName.substring(0, sep);
                this.serviceName = serviceName.substring(sep + 2);
            } else {
                this.serviceName = serviceName;
            }
        }

        public Builder groupName(String groupName) {
            this.groupName = groupName == null || groupName.isEmpty() ? Instance.DEFAULT_GROUP : groupName;
            return this;
        }
        public Builder clusters(List<String> clusters) { this.clusters = clusters == null ? List.of() : clusters; return this; }
        public Builder clusters(String... clusters) { return clusters(List.of(clusters)); }
        public Builder namespaceId(String namespaceId) { this.namespaceId = namespaceId; return this; }
        public Builder healthyOnly(boolean healthyOnly) { this.healthyOnly = healthyOnly; return this; }

        public ServiceQuery build() {
            return new ServiceQuery(this);
        }
    }
}
