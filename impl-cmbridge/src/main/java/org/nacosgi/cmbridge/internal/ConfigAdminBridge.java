package org.nacosgi.cmbridge.internal;

import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.nacosgi.api.config.ConfigService;

/**
 * Bridges the items of one namespace and group to ConfigAdmin configurations: the data ids and mappings of its
 * settings, plus the data ids its index item lists. Starts nothing of its own: reads and changes arrive on the
 * config service's threads, ConfigAdmin is called under one lock.
 * <p>
 * Closing stops the watching and deletes nothing, so the last configurations stay for the next start (with or
 * without a server). An item that stops being bridged while the bridge runs (dropped from the settings or the
 * index, the index deleted) has its configuration deleted, as is one whose item is deleted.
 */
public final class ConfigAdminBridge implements AutoCloseable {
    private final ConfigService service;
    private final String namespace;
    private final ConfigurationPort port;
    private final Supplier<JsonProvider> json;
    private final System.Logger log;
    private final BridgeLock lock;
    // guarded by lock
    private BridgeSettings settings;
    private ItemWatch indexWatch;
    private Map<String, Optional<ConfigurationId>> indexed = Map.of();
    private final Map<String, Bridged> items = new LinkedHashMap<>();
    private boolean started;
    private boolean closed;

    /**
     * @param namespace the namespace of {@code service}, as shown in the marker ({@code public} when empty)
     * @param json      the JSON-P provider for JSON items; asked when the first one arrives
     */
    public ConfigAdminBridge(ConfigService service, String namespace, ConfigurationPort port,
            Supplier<JsonProvider> json, System.Logger log) {
        this.service = Objects.requireNonNull(service, "service");
        this.namespace = namespace == null || namespace.isEmpty() ? "public" : namespace;
        this.port = Objects.requireNonNull(port, "port");
        this.json = Objects.requireNonNull(json, "json");
        this.log = Objects.requireNonNull(log, "log");
        this.lock = new BridgeLock(log);
    }

    /** Reads every item (the config service falls back to its snapshots) and watches them. */
    public void start(BridgeSettings initial) {
        Objects.requireNonNull(initial, "settings");
        lock.run(() -> {
            if (started || closed) {
                throw new IllegalStateException(closed ? "bridge closed" : "bridge already started");
            }
            started = true;
            settings = initial;
            log.log(Level.INFO, "nacosgi cmbridge: bridging namespace " + namespace + ": " + initial);
            watchIndex();
            reconcile();
        });
    }

    /** New settings: items no longer bridged have their configuration deleted, new ones are read and watched. */
    public void update(BridgeSettings next) {
        Objects.requireNonNull(next, "settings");
        lock.run(() -> {
            if (!started || closed || next.equals(settings)) {
                return;
            }
            boolean groupMoved = !next.group().equals(settings.group());
            boolean indexMoved = groupMoved || !next.index().equals(settings.index());
            settings = next;
            log.log(Level.INFO, "nacosgi cmbridge: namespace " + namespace + " now bridging " + next);
            if (indexMoved) {
                if (indexWatch != null) {
                    indexWatch.stop();
                    indexWatch = null;
                }
                // in the same group the old index's items stay until the new index is read, so renaming the
                // index restarts nothing
                if (groupMoved || next.index().isEmpty()) {
                    indexed = Map.of();
                }
                watchIndex();
            }
            reconcile();
        });
    }

    /** Stops watching; deletes no configuration. Idempotent. */
    @Override
    public void close() {
        lock.run(() -> {
            if (closed) {
                return;
            }
            closed = true;
            if (indexWatch != null) {
                indexWatch.stop();
                indexWatch = null;
            }
            items.values().forEach(b -> b.watch.stop());
            items.clear();
        });
    }

    /** The data ids bridged now, and their configurations. */
    public Map<String, ConfigurationId> bridged() {
        return lock.get(() -> {
            Map<String, ConfigurationId> out = new LinkedHashMap<>();
            items.forEach((d, b) -> out.put(d, b.sync.target()));
            return out;
        });
    }

    private void watchIndex() {
        if (settings.index().isEmpty()) {
            return;
        }
        indexWatch = new ItemWatch(service, settings.index(), settings.group(), new IndexHandler(), lock, log);
        lock.afterUnlock(indexWatch::start);
    }

    private String source(String dataId) {
        return namespace + "/" + settings.group() + "/" + dataId;
    }

    /** Makes the bridged items what settings and index say: releases the ones that went, starts the new ones. */
    private void reconcile() {
        Map<String, ConfigurationId> desired = desiredItems();
        for (Iterator<Map.Entry<String, Bridged>> it = items.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Bridged> e = it.next();
            Bridged b = e.getValue();
            if (!b.target.equals(desired.get(e.getKey())) || !b.group.equals(settings.group())) {
                b.watch.stop();
                b.sync.release();
                it.remove();
            }
        }
        desired.forEach((dataId, target) -> {
            if (!items.containsKey(dataId)) {
                ConfigurationSync sync = new ConfigurationSync(source(dataId), dataId, target, port, json, log);
                ItemWatch watch = new ItemWatch(service, dataId, settings.group(), sync, lock, log);
                items.put(dataId, new Bridged(settings.group(), target, sync, watch));
                lock.afterUnlock(watch::start);
            }
        });
    }

    /** Mappings first, then data ids, then the index; a configuration already taken is refused with a warning. */
    private Map<String, ConfigurationId> desiredItems() {
        Map<String, ConfigurationId> out = new LinkedHashMap<>();
        Map<ConfigurationId, String> takenBy = new HashMap<>();
        settings.mappings().forEach((dataId, target) -> take(out, takenBy, dataId, Optional.of(target)));
        for (String dataId : settings.dataIds()) {
            if (!out.containsKey(dataId)) {
                take(out, takenBy, dataId, Optional.empty());
            }
        }
        indexed.forEach((dataId, target) -> {
            if (!out.containsKey(dataId)) {
                take(out, takenBy, dataId, target);
            }
        });
        return out;
    }

    private void take(Map<String, ConfigurationId> out, Map<ConfigurationId, String> takenBy, String dataId,
            Optional<ConfigurationId> explicit) {
        Optional<ConfigurationId> target = explicit.or(() -> MappingRule.defaultTarget(dataId));
        if (target.isEmpty()) {
            log.log(Level.WARNING, "nacosgi cmbridge: item " + source(dataId) + " is not bridged: its data id is"
                    + " not <pid>.properties, <pid>.json or <factoryPid>~<name>.properties|json; add a mapping"
                    + " dataId=pid");
            return;
        }
        String other = takenBy.putIfAbsent(target.get(), dataId);
        if (other != null) {
            log.log(Level.WARNING, "nacosgi cmbridge: item " + source(dataId) + " is not bridged: configuration "
                    + target.get() + " is already bridged from data id " + other);
            return;
        }
        out.put(dataId, target.get());
    }

    /** Reads the index item; a bad or unreadable index keeps the last good list. */
    private final class IndexHandler implements ItemHandler {
        @Override
        public void present(String content, String type, String origin) {
            try {
                indexed = IndexContent.parse(content);
            } catch (BadContentException e) {
                log.log(Level.WARNING, "nacosgi cmbridge: index item " + source(settings.index()) + " (from "
                        + origin + "): " + e.getMessage() + "; the bridge keeps the last good index "
                        + indexed.keySet());
                return;
            }
            log.log(Level.INFO, "nacosgi cmbridge: index item " + source(settings.index()) + " (from " + origin
                    + ") lists " + indexed.keySet());
            reconcile();
        }

        @Override
        public void absent() {
            log.log(Level.INFO, "nacosgi cmbridge: index item " + source(settings.index())
                    + " does not exist; no item is bridged through it");
            indexed = Map.of();
            reconcile();
        }

        @Override
        public void unreadable(RuntimeException error) {
            log.log(Level.WARNING, "nacosgi cmbridge: index item " + source(settings.index())
                    + " cannot be read and has no snapshot (" + error.getMessage() + "); keeping "
                    + indexed.keySet() + " and watching it");
        }
    }

    private static final class Bridged {
        final String group;
        final ConfigurationId target;
        final ConfigurationSync sync;
        final ItemWatch watch;

        Bridged(String group, ConfigurationId target, ConfigurationSync sync, ItemWatch watch) {
            this.group = group;
            this.target = target;
            this.sync = sync;
            this.watch = watch;
        }
    }
}
