package org.nacosgi.testkit.internal;

/** namespace + group + service name as a naming request names them ({@code G@@name} overrides groupName). */
final class ServiceRef {
    static final String DEFAULT_GROUP = "DEFAULT_GROUP";

    final String namespace;
    final String group;
    final String name;

    ServiceRef(String namespace, String group, String name) {
        this.namespace = InstanceStore.namespace(namespace);
        this.group = group;
        this.name = name;
    }

    /** v1/v2: a grouped serviceName wins over groupName. */
    static ServiceRef of(Request r, String serviceName) {
        String group = r.paramOrBlank("groupName", DEFAULT_GROUP);
        String name = serviceName;
        int at = serviceName.indexOf("@@");
        if (at >= 0) {
            group = serviceName.substring(0, at);
            name = serviceName.substring(at + 2);
        }
        return new ServiceRef(r.param("namespaceId"), group, name);
    }

    String grouped() {
        return group + "@@" + name;
    }
}
