package org.nacosgi.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Custom namespaces (the default namespace "" / "public" always exists and is not stored). */
final class Namespaces {
    /** One custom namespace. */
    static final class Namespace {
        final String id;
        final String name;
        final String desc;

        Namespace(String id, String name, String desc) {
            this.id = id;
            this.name = name;
            this.desc = desc;
        }
    }

    private final Map<String, Namespace> byId = new LinkedHashMap<>();

    /** Returns false when the id exists. */
    synchronized boolean create(String id, String name, String desc) {
        if (byId.containsKey(id)) {
            return false;
        }
        byId.put(id, new Namespace(id, name, desc));
        return true;
    }

    synchronized Namespace get(String id) {
        return byId.get(id);
    }

    synchronized boolean update(String id, String name, String desc) {
        Namespace n = byId.get(id);
        if (n == null) {
            return false;
        }
        byId.put(id, new Namespace(id, name == null ? n.name : name, desc == null ? n.desc : desc));
        return true;
    }

    synchronized void delete(String id) {
        byId.remove(id);
    }

    synchronized List<Namespace> list() {
        return new ArrayList<>(byId.values());
    }

    synchronized void clear() {
        byId.clear();
    }
}
