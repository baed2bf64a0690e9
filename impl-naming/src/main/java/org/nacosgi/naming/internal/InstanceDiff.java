package org.nacosgi.naming.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nacosgi.api.naming.Instance;

/**
 * The difference between two lists of one service: instances are the same when ip, port and cluster match;
 * one is modified when its weight, health, enabled or ephemeral flag or metadata changed (reported in its new
 * state). The server's instance id is not compared: it comes and goes with the API that registered the instance.
 */
final class InstanceDiff {
    final List<Instance> added = new ArrayList<>();
    final List<Instance> removed = new ArrayList<>();
    final List<Instance> modified = new ArrayList<>();

    private InstanceDiff() {
    }

    static InstanceDiff between(List<Instance> before, List<Instance> after) {
        InstanceDiff d = new InstanceDiff();
        Map<String, Instance> old = index(before);
        Map<String, Instance> now = index(after);
        for (Map.Entry<String, Instance> e : now.entrySet()) {
            Instance prev = old.get(e.getKey());
            if (prev == null) {
                d.added.add(e.getValue());
            } else if (changed(prev, e.getValue())) {
                d.modified.add(e.getValue());
            }
        }
        for (Map.Entry<String, Instance> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                d.removed.add(e.getValue());
            }
        }
        return d;
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && modified.isEmpty();
    }

    static String key(Instance i) {
        return i.address() + "#" + i.clusterName();
    }

    private static Map<String, Instance> index(List<Instance> list) {
        Map<String, Instance> m = new LinkedHashMap<>();
        for (Instance i : list) {
            m.put(key(i), i);
        }
        return m;
    }

    private static boolean changed(Instance a, Instance b) {
        return Double.compare(a.weight(), b.weight()) != 0 || a.healthy() != b.healthy() || a.enabled() != b.enabled()
                || a.ephemeral() != b.ephemeral() || !a.metadata().equals(b.metadata());
    }
}
