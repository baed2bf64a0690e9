package org.nacosgi.cmbridge.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Compares configuration properties the way a component would see them: by value, arrays by content. */
final class PropertyValues {
    /** Set by ConfigAdmin, never by the bridge. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation");

    private PropertyValues() {
    }

    /** Whether {@code current} (as ConfigAdmin holds it) already has exactly the {@code desired} properties. */
    static boolean same(Map<String, Object> current, Map<String, Object> desired) {
        int compared = 0;
        for (Map.Entry<String, Object> e : current.entrySet()) {
            if (FRAMEWORK_KEYS.contains(e.getKey())) {
                continue;
            }
            if (!desired.containsKey(e.getKey()) || !sameValue(e.getValue(), desired.get(e.getKey()))) {
                return false;
            }
            compared++;
        }
        return compared == desired.size();
    }

    private static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getClass().isArray() || b.getClass().isArray()) {
            if (a.getClass() != b.getClass() || Array.getLength(a) != Array.getLength(b)) {
                return false;
            }
            for (int i = 0; i < Array.getLength(a); i++) {
                if (!Objects.equals(Array.get(a, i), Array.get(b, i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Collection && b instanceof Collection) {
            return asList((Collection<?>) a).equals(asList((Collection<?>) b));
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static List<?> asList(Collection<?> c) {
        return c instanceof List ? (List<?>) c : new ArrayList<>(c);
    }
}
