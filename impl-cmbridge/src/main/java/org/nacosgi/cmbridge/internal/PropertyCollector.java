package org.nacosgi.cmbridge.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects the properties parsed from an item and refuses what ConfigAdmin or the bridge would refuse or
 * misread: keys the framework sets, the bridge's own marker, and keys equal but for case (ConfigAdmin keys are
 * case-insensitive, so one would silently replace the other).
 */
final class PropertyCollector {
    /** Set by ConfigAdmin itself; a value from an item would be ignored or refused. */
    private static final Set<String> RESERVED = Set.of("service.pid", "service.factorypid", "service.bundlelocation",
            ConfigurationSync.SOURCE_PROPERTY.toLowerCase(Locale.ROOT));

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, Long> lineOf = new HashMap<>();
    private final Map<String, String> byLowerCase = new HashMap<>();

    void put(String key, Object value, long line, long column) throws BadContentException {
        if (key.isEmpty()) {
            throw new BadContentException(line, column, "empty property key");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
            throw new BadContentException(line, column, "property " + key + " is set by "
                    + (lower.startsWith("service.") ? "ConfigAdmin" : "the bridge") + ", not by an item");
        }
        String earlier = byLowerCase.putIfAbsent(lower, key);
        if (earlier != null) {
            if (earlier.equals(key)) {
                // a repeated key: the last one counts, as in java.util.Properties
                properties.put(key, value);
                lineOf.put(key, line);
                return;
            }
            throw new BadContentException(line, column, "property " + key + " differs only in case from "
                    + earlier + " (line " + lineOf.get(earlier) + "); ConfigAdmin keys are case-insensitive");
        }
        properties.put(key, value);
        lineOf.put(key, line);
    }

    Map<String, Object> properties() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
