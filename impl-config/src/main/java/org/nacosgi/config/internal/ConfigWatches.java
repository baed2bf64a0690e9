package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.nacosgi.api.config.ConfigListener;

/** The watched items of one client by key; the first listener starts polling an item, the last one stops it. */
final class ConfigWatches {
    private final LongPollWatcher watcher;
    private final Executor callbacks;
    private final Logger log;
    private final Map<ConfigKey, WatchedItem> items = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    ConfigWatches(LongPollWatcher watcher, Executor callbacks, Logger log) {
        this.watcher = watcher;
        this.callbacks = callbacks;
        this.log = log;
    }

    synchronized void add(ConfigKey key, Collection<? extends ConfigListener> listeners) {
        if (closed) {
            throw new IllegalStateException("the config service is closed");
        }
        WatchedItem item = items.get(key);
        boolean isNew = item == null;
        if (isNew) {
            item = new WatchedItem(key, callbacks, log);
            items.put(key, item);
        }
        for (ConfigListener l : listeners) {
            item.addListener(l);
        }
        if (isNew) {
            watcher.watch(item);
        }
    }

    synchronized boolean remove(ConfigKey key, ConfigListener listener, boolean all) {
        WatchedItem item = items.get(key);
        if (item == null) {
            return false;
        }
        int removed = item.removeListener(listener, all);
        if (!item.hasListeners()) {
            items.remove(key);
            watcher.unwatch(item);
        }
        return removed > 0;
    }

    synchronized int size() {
        return items.size();
    }

    void close() {
        List<WatchedItem> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(items.values());
            items.clear();
        }
        watcher.close();
        for (WatchedItem item : all) {
            item.clearListeners();
        }
    }
}
