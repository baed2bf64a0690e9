package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A service: its instances by ip:port, and the delayed snapshot that lists and pushes serve. */
final class NamingService {
    final String namespace;
    final String group;
    final String name;
    /** Null until the first instance decides whether the service is ephemeral or persistent. */
    Boolean ephemeral;
    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Set<String> clusters = new LinkedHashSet<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    double protectThreshold;
    /** What lists show: null until first read or first publish. */
    List<Host> published;
    long publishedAt;
    boolean publishPending;
    long publishDueNanos;

    NamingService(String namespace, String group, String name) {
        this.namespace = namespace;
        this.group = group;
        this.name = name;
    }

    String grouped() {
        return group + "@@" + name;
    }

    String key() {
        return key(namespace, group, name);
    }

    static String key(String namespace, String group, String name) {
        return namespace + '\u0002' + group + "@@" + name;
    }

    List<Host> current() {
        List<Host> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            out.add(i.snapshot(grouped()));
        }
        return out;
    }
}
