package org.nacosgi.cmbridge.internal;

import java.util.Optional;
import org.nacosgi.api.InvalidArgumentException;

/**
 * The default mapping: data id {@code <pid>.properties} or {@code <pid>.json} is the configuration {@code <pid>};
 * {@code <factoryPid>~<name>.properties|json} is the factory configuration {@code name} of {@code factoryPid}.
 */
final class MappingRule {
    private MappingRule() {
    }

    static Optional<ConfigurationId> defaultTarget(String dataId) {
        return ContentFormat.ofDataId(dataId).flatMap(format -> {
            String base = dataId.substring(0, dataId.length() - format.extension().length());
            try {
                return Optional.of(ConfigurationId.parse("dataId", base));
            } catch (InvalidArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
