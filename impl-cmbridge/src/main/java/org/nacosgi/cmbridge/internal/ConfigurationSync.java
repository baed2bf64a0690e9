package org.nacosgi.cmbridge.internal;

import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps one ConfigAdmin configuration equal to one item: parses each content, writes it only when the properties
 * differ, deletes the configuration when the item is gone, and touches only configurations that carry its marker.
 * Bad content and foreign configurations are logged and leave the configuration as it was.
 */
final class ConfigurationSync implements ItemHandler {
    /** Marker on every configuration the bridge writes: {@code <namespace>/<group>/<dataId>} of its item. */
    static final String SOURCE_PROPERTY = "nacosgi.bridge.source";

    private final String source;
    private final String dataId;
    private final ConfigurationId target;
    private final ConfigurationPort port;
    private final Supplier<JsonProvider> json;
    private final System.Logger log;

    ConfigurationSync(String source, String dataId, ConfigurationId target, ConfigurationPort port,
            Supplier<JsonProvider> json, System.Logger log) {
        this.source = source;
        this.dataId = dataId;
        this.target = target;
        this.port = port;
        this.json = json;
        this.log = log;
    }

    ConfigurationId target() {
        return target;
    }

    @Override
    public void present(String content, String type, String origin) {
        Optional<ContentFormat> format = ContentFormat.ofDataId(dataId).or(() -> ContentFormat.ofType(type));
        if (format.isEmpty()) {
            log.log(Level.WARNING, "nacosgi cmbridge: item " + source + ": cannot tell its format (type "
                    + type + "); name it <pid>.properties or <pid>.json or publish it with type properties or"
                    + " json. Configuration " + target + " left as it was");
            return;
        }
        Map<String, Object> properties;
        try {
            properties = format.get() == ContentFormat.JSON ? ConfiguratorJson.parse(content, json.get())
                    : PropertiesContent.parse(content);
        } catch (BadContentException e) {
            log.log(Level.WARNING, "nacosgi cmbridge: item " + source + " (" + format.get().name().toLowerCase()
                    + ", from " + origin + "): " + e.getMessage() + ". Configuration " + target
                    + " left as it was; the next good content applies");
            return;
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "nacosgi cmbridge: item " + source + ": cannot parse it: " + e
                    + ". Configuration " + target + " left as it was", e);
            return;
        }
        Map<String, Object> desired = new LinkedHashMap<>(properties);
        desired.put(SOURCE_PROPERTY, source);
        try {
            Optional<Map<String, Object>> current = port.properties(target);
            if (current.isPresent() && !ownedByUs(current.get())) {
                log.log(Level.WARNING, "nacosgi cmbridge: configuration " + target + " already exists and was not"
                        + " created from item " + source + " (" + describeOwner(current.get())
                        + "); the bridge does not overwrite it");
                return;
            }
            if (current.isPresent() && PropertyValues.same(current.get(), desired)) {
                log.log(Level.DEBUG, () -> "nacosgi cmbridge: item " + source + " from " + origin
                        + ": configuration " + target + " unchanged");
                return;
            }
            port.update(target, desired);
            log.log(Level.INFO, "nacosgi cmbridge: configuration " + target + (current.isPresent() ? " updated"
                    : " created") + " from item " + source + " (from " + origin + ")");
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "nacosgi cmbridge: cannot write configuration " + target + " from item "
                    + source + ": " + e, e);
        }
    }

    @Override
    public void absent() {
        deleteIfOurs("item " + source + " does not exist");
    }

    @Override
    public void unreadable(RuntimeException error) {
        log.log(Level.WARNING, "nacosgi cmbridge: item " + source + " cannot be read and has no snapshot ("
                + error.getMessage() + "); configuration " + target + " left as it was, the item is watched");
    }

    /** The item is no longer bridged: delete the configuration if the bridge made it. */
    void release() {
        deleteIfOurs("item " + source + " is no longer bridged");
    }

    private void deleteIfOurs(String why) {
        try {
            Optional<Map<String, Object>> current = port.properties(target);
            if (current.isEmpty()) {
                return;
            }
            if (!ownedByUs(current.get())) {
                log.log(Level.INFO, "nacosgi cmbridge: " + why + "; configuration " + target + " kept: it was not"
                        + " created from that item (" + describeOwner(current.get()) + ")");
                return;
            }
            port.delete(target);
            log.log(Level.INFO, "nacosgi cmbridge: " + why + "; configuration " + target + " deleted");
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "nacosgi cmbridge: cannot delete configuration " + target + " (" + why + "): "
                    + e, e);
        }
    }

    private boolean ownedByUs(Map<String, Object> properties) {
        return source.equals(properties.get(SOURCE_PROPERTY));
    }

    private static String describeOwner(Map<String, Object> properties) {
        Object marker = properties.get(SOURCE_PROPERTY);
        return marker == null ? "it has no " + SOURCE_PROPERTY + " marker"
                : "it came from " + marker;
    }
}
