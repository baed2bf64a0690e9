package org.nacosgi.cmbridge.internal;

import java.util.Optional;

/**
 * The default mapping, Felix FileInstall's file-name rule applied to data ids: {@code <pid>.properties} or
 * {@code <pid>.json} is the configuration {@code <pid>}; {@code <factoryPid>-<name>.properties|json} (split at
 * the first {@code -}) is the factory configuration {@code name} of {@code factoryPid}, PID
 * {@code factoryPid~name}. Nacos data ids cannot hold ConfigAdmin's {@code ~}; a PID with a {@code -} needs an
 * explicit mapping.
 */
final class MappingRule {
    private static final char FACTORY_SEPARATOR = '-';

    private MappingRule() {
    }

    static Optional<ConfigurationId> defaultTarget(String dataId) {
        return ContentFormat.ofDataId(dataId).flatMap(format -> {
            String base = dataId.substring(0, dataId.length() - format.extension().length());
            int dash = base.indexOf(FACTORY_SEPARATOR);
            try {
                return Optional.of(dash < 0 ? ConfigurationId.singleton(base)
                        : ConfigurationId.factory(base.substring(0, dash), base.substring(dash + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
