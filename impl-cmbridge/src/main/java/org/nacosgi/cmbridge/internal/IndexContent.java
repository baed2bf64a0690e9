package org.nacosgi.cmbridge.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nacosgi.api.InvalidArgumentException;

/**
 * The index item: the data ids a bridge takes from its group, one per line, each optionally
 * {@code dataId = target} with a target {@code pid} or {@code factoryPid~name}. Blank lines and lines starting
 * with {@code #} are ignored.
 */
final class IndexContent {
    private IndexContent() {
    }

    /** Data id to its explicit target (empty: the default rule), in the index's order. */
    static Map<String, Optional<ConfigurationId>> parse(String content) throws BadContentException {
        Map<String, Optional<ConfigurationId>> out = new LinkedHashMap<>();
        String[] lines = content.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String dataId = (eq < 0 ? line : line.substring(0, eq)).trim();
            if (!DataIds.valid(dataId)) {
                throw new BadContentException(i + 1L, 0, "\"" + dataId + "\" is not a data id: "
                        + DataIds.rule());
            }
            Optional<ConfigurationId> target = Optional.empty();
            if (eq >= 0) {
                try {
                    target = Optional.of(ConfigurationId.parse("target", line.substring(eq + 1)));
                } catch (InvalidArgumentException e) {
                    throw new BadContentException(i + 1L, 0, e.getMessage());
                }
            }
            if (out.put(dataId, target) != null) {
                throw new BadContentException(i + 1L, 0, "data id " + dataId + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
