package org.nacosgi.cmbridge.internal;

import java.util.Map;
import java.util.Optional;

/**
 * The part of ConfigAdmin the bridge uses. The DS shell adapts the real {@code ConfigurationAdmin}; tests use a
 * map. Failures are unchecked ({@link java.io.UncheckedIOException} for ConfigAdmin's IOException).
 */
public interface ConfigurationPort {
    /** The configuration's properties, or empty when it does not exist or has never been updated. */
    Optional<Map<String, Object>> properties(ConfigurationId id);

    /** Creates or updates the configuration (a factory configuration by its factory PID and name). */
    void update(ConfigurationId id, Map<String, Object> properties);

    /** Deletes the configuration, if it exists. */
    void delete(ConfigurationId id);
}
