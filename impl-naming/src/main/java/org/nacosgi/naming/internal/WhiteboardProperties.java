package org.nacosgi.naming.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.nacosgi.api.InvalidArgumentException;

/** Reads loosely typed OSGi service properties (String, String[], Collection, Number) for the whiteboards. */
final class WhiteboardProperties {
    private WhiteboardProperties() {
    }

    static long serviceId(Map<String, ?> props) {
        Object id = props.get("service.id");
        if (id instanceof Number) {
            return ((Number) id).longValue();
        }
        throw new InvalidArgumentException("service.id", "missing from the service properties");
    }

    static String text(Map<String, ?> props, String key) {
        Object v = props.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String[]) {
            String[] a = (String[]) v;
            return a.length == 0 ? null : a[0];
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            String s = v.toString().trim();
            return s.isEmpty() ? null : s;
        }
        throw new InvalidArgumentException(key, "expected text, got " + v.getClass().getSimpleName());
    }

    /** A comma-separated text, a String[] or a collection: the trimmed, non-empty items. */
    static List<String> list(Map<String, ?> props, String key) {
        Object v = props.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        Collection<?> items;
        if (v instanceof String) {
            items = List.of(((String) v).split(","));
        } else if (v instanceof Object[]) {
            items = List.of((Object[]) v);
        } else if (v instanceof Collection) {
            items = (Collection<?>) v;
        } else {
            throw new InvalidArgumentException(key, "expected a comma-separated text or a string array, got "
                    + v.getClass().getSimpleName());
        }
        for (Object item : items) {
            if (item != null && !item.toString().isBlank()) {
                out.add(item.toString().trim());
            }
        }
        return out;
    }

    static Integer integer(Map<String, ?> props, String key) {
        Object v = props.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long l = ((Number) v).longValue();
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new InvalidArgumentException(key, "out of range: " + l);
            }
            return (int) l;
        }
        try {
            return Integer.parseInt(text(props, key));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(key, "expected a whole number, got '" + v + "'");
        }
    }

    static Double number(Map<String, ?> props, String key) {
        Object v = props.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(text(props, key));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(key, "expected a number, got '" + v + "'");
        }
    }

    /** Whether a service is meant for another client (its {@code nacos.client} names someone else). */
    static boolean forOtherClient(Map<String, ?> props, String key, String clientName) {
        String wanted = text(props, key);
        return wanted != null && !wanted.equals(clientName);
    }
}
