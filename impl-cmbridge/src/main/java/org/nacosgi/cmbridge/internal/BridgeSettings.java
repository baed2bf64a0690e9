package org.nacosgi.cmbridge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.config.ConfigService;

/**
 * What one bridge takes from Nacos: read from its ConfigAdmin configuration with {@link #fromMap(Map)}, which
 * names the bad key. Keys with a dot ({@code service.pid}, {@code client.target}, {@code felix.fileinstall.filename})
 * belong to the framework and are ignored; any other unknown key is refused so a typo never passes silently.
 */
public final class BridgeSettings {
    public static final String DATA_IDS = "dataIds";
    public static final String GROUP = "group";
    public static final String INDEX = "index";
    public static final String MAPPINGS = "mappings";
    /** The default index item; an empty {@link #INDEX} turns the index off. */
    public static final String DEFAULT_INDEX = "osgi.bridge.index";
    public static final Set<String> KEYS = Set.of(DATA_IDS, GROUP, INDEX, MAPPINGS);

    private final List<String> dataIds;
    private final String group;
    private final String index;
    private final Map<String, ConfigurationId> mappings;

    private BridgeSettings(List<String> dataIds, String group, String index, Map<String, ConfigurationId> mappings) {
        this.dataIds = dataIds;
        this.group = group;
        this.index = index;
        this.mappings = mappings;
    }

    public static BridgeSettings fromMap(Map<String, ?> map) {
        for (String key : map.keySet()) {
            if (!key.contains(".") && !KEYS.contains(key)) {
                throw new InvalidArgumentException(key, "unknown bridge option; known options are "
                        + new TreeSet<>(KEYS));
            }
        }
        List<String> dataIds = list(map, DATA_IDS);
        for (String d : dataIds) {
            checkName(DATA_IDS, d);
        }
        String group = text(map, GROUP, ConfigService.DEFAULT_GROUP);
        checkName(GROUP, group);
        String index = text(map, INDEX, DEFAULT_INDEX);
        if (!index.isEmpty()) {
            checkName(INDEX, index);
        }
        Map<String, ConfigurationId> mappings = new LinkedHashMap<>();
        for (String m : list(map, MAPPINGS)) {
            int eq = m.indexOf('=');
            if (eq < 0) {
                throw new InvalidArgumentException(MAPPINGS, "expected dataId=pid or dataId=factoryPid~name, got \""
                        + m + "\"");
            }
            String dataId = m.substring(0, eq).trim();
            checkName(MAPPINGS, dataId);
            if (mappings.put(dataId, ConfigurationId.parse(MAPPINGS, m.substring(eq + 1))) != null) {
                throw new InvalidArgumentException(MAPPINGS, "data id " + dataId + " is mapped twice");
            }
        }
        return new BridgeSettings(List.copyOf(dataIds), group, index, Collections.unmodifiableMap(mappings));
    }

    private static void checkName(String key, String value) {
        if (!DataIds.valid(value)) {
            throw new InvalidArgumentException(key, "\"" + value + "\" is not valid: " + DataIds.rule());
        }
    }

    private static String text(Map<String, ?> map, String key, String absent) {
        Object v = map.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof String)) {
            throw new InvalidArgumentException(key, "expected a text value, got " + v.getClass().getSimpleName());
        }
        return ((String) v).trim();
    }

    /** A String (comma-separated), a String[] or a collection of Strings; blanks dropped. */
    private static List<String> list(Map<String, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        Collection<?> items;
        if (v instanceof String) {
            items = Arrays.asList(((String) v).split(","));
        } else if (v instanceof Object[]) {
            items = Arrays.asList((Object[]) v);
        } else if (v instanceof Collection) {
            items = (Collection<?>) v;
        } else {
            throw new InvalidArgumentException(key, "expected a comma-separated text or a list, got "
                    + v.getClass().getSimpleName());
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String)) {
                throw new InvalidArgumentException(key, "expected text entries, got " + item);
            }
            for (String part : ((String) item).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Data ids bridged by the default rule (or by a mapping, when one names them too). */
    public List<String> dataIds() {
        return dataIds;
    }

    /** The group of every bridged item and of the index. */
    public String group() {
        return group;
    }

    /** The index item's data id; empty when the bridge reads no index. */
    public String index() {
        return index;
    }

    /** Explicit targets by data id; a mapped data id is bridged even when no other option lists it. */
    public Map<String, ConfigurationId> mappings() {
        return mappings;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BridgeSettings)) {
            return false;
        }
        BridgeSettings s = (BridgeSettings) o;
        return dataIds.equals(s.dataIds) && group.equals(s.group) && index.equals(s.index)
                && mappings.equals(s.mappings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataIds, group, index, mappings);
    }

    @Override
    public String toString() {
        return "BridgeSettings{dataIds=" + dataIds + ", group=" + group + ", index=" + index + ", mappings="
                + mappings + "}";
    }
}
