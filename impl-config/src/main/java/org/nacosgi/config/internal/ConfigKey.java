package org.nacosgi.config.internal;

import java.util.Objects;

/** One config item of one namespace: data id, group and namespace, already validated by {@link ConfigNames}. */
final class ConfigKey {
    private final String dataId;
    private final String group;
    private final String namespace;

    ConfigKey(String dataId, String group, String namespace) {
        this.dataId = Objects.requireNonNull(dataId, "dataId");
        this.group = Objects.requireNonNull(group, "group");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    String dataId() { return dataId; }
    String group() { return group; }
    String namespace() { return namespace; }

    /** The public namespace ("" on 1.x/2.x, "public" on 3.x) is sent as no tenant at all, which every generation reads the same. */
    boolean isPublicNamespace() {
        return namespace.isEmpty() || namespace.equals("public");
    }

    /** The tenant / namespaceId parameter to send, or null for the public namespace. */
    String tenantParam() {
        return isPublicNamespace() ? null : namespace;
    }

    /** The signed resource of a config request: {@code tenant+group} or {@code group}. */
    String signResource() {
        return isPublicNamespace() ? group : namespace + "+" + group;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConfigKey)) {
            return false;
        }
        ConfigKey k = (ConfigKey) o;
        return dataId.equals(k.dataId) && group.equals(k.group) && namespace.equals(k.namespace);
    }

    @Override
    public int hashCode() {
        return (dataId.hashCode() * 31 + group.hashCode()) * 31 + namespace.hashCode();
    }

    @Override
    public String toString() {
        return dataId + "/" + group + (namespace.isEmpty() ? "" : "/" + namespace);
    }
}
