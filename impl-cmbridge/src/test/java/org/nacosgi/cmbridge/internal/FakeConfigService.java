package org.nacosgi.cmbridge.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.ServerUnavailableException;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;

/**
 * An in-memory config service with the contract the bridge relies on: reads fall back to a snapshot of the last
 * answer when the "server" is down, a new watcher gets the current content, changes and deletions reach the
 * watchers of the item. Callbacks run on {@code callbacks} (the caller's thread by default).
 */
final class FakeConfigService implements ConfigService {
    private static final class Content {
        final String text;
        final String type;

        Content(String text, String type) {
            this.text = text;
            this.type = type;
        }
    }

    final String namespace;
    private final Executor callbacks;
    private final Map<String, Content> server = new HashMap<>();
    private final Map<String, Content> snapshots = new HashMap<>();
    private final Map<String, List<ConfigListener>> watchers = new HashMap<>();
    private boolean down;
    private int reads;
    private List<Runnable> heldReads;
    private boolean lateBaselines;
    /** Watchers that saw the item's content: only they hear of its deletion (identity). */
    private final java.util.Set<ConfigListener> sighted =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    FakeConfigService(String namespace) {
        this(namespace, Runnable::run);
    }

    FakeConfigService(String namespace, Executor callbacks) {
        this.namespace = namespace;
        this.callbacks = callbacks;
    }

    private static String key(String dataId, String group) {
        return group + "/" + dataId;
    }

    /** Creates or changes an item and tells its watchers (unless the server is down). */
    void put(String dataId, String group, String content, String type) {
        List<ConfigListener> tell;
        synchronized (this) {
            server.put(key(dataId, group), new Content(content, type));
            tell = down ? List.of() : new ArrayList<>(watchers.getOrDefault(key(dataId, group), List.of()));
            sighted.addAll(tell);
        }
        for (ConfigListener l : tell) {
            ConfigChangeEvent e = new ConfigChangeEvent(ConfigChangeEvent.Type.CHANGED, dataId, group, namespace,
                    content, md5(content), type, null);
            callbacks.execute(() -> l.onChange(e));
        }
    }

    /** Changes an item on the server before any watcher has heard of it (their polls have not returned yet). */
    synchronized void putUnannounced(String dataId, String content) {
        server.put(key(dataId, DEFAULT_GROUP), new Content(content, null));
    }

    void put(String dataId, String content) {
        put(dataId, DEFAULT_GROUP, content, null);
    }

    /** Deletes an item and tells its watchers. */
    void delete(String dataId, String group) {
        List<ConfigListener> tell;
        synchronized (this) {
            server.remove(key(dataId, group));
            tell = new ArrayList<>();
            if (!down) {
                for (ConfigListener l : watchers.getOrDefault(key(dataId, group), List.of())) {
                    if (sighted.remove(l)) {
                        tell.add(l);
                    }
                }
            }
        }
        for (ConfigListener l : tell) {
            ConfigChangeEvent e = new ConfigChangeEvent(ConfigChangeEvent.Type.DELETED, dataId, group, namespace,
                    null, "", null, null);
            callbacks.execute(() -> l.onChange(e));
        }
    }

    /** A snapshot as an earlier run of the client would have left it. */
    synchronized void snapshot(String dataId, String group, String content, String type) {
        snapshots.put(key(dataId, group), new Content(content, type));
    }

    synchronized void down(boolean isDown) {
        down = isDown;
    }

    synchronized int watcherCount() {
        return watchers.values().stream().mapToInt(List::size).sum();
    }

    synchronized int watcherCount(String dataId, String group) {
        return watchers.getOrDefault(key(dataId, group), List.of()).size();
    }

    synchronized int reads() {
        return reads;
    }

    static String md5(String content) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte x : d) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized ConfigItem getConfigItem(String dataId, String group, Duration timeout, boolean noSnapshot) {
        reads++;
        String k = key(dataId, group);
        if (down) {
            Content s = snapshots.get(k);
            if (s == null || noSnapshot) {
                throw new ServerUnavailableException("no server answered", List.of("http://fake:8848"), null);
            }
            return new ConfigItem(dataId, group, namespace, s.text, md5(s.text), s.type, ConfigItem.Source.SNAPSHOT);
        }
        Content c = server.get(k);
        if (c == null) {
            snapshots.remove(k);
            throw new NotFoundException("config " + dataId + " in group " + group + " not found");
        }
        snapshots.put(k, c);
        return new ConfigItem(dataId, group, namespace, c.text, md5(c.text), c.type, ConfigItem.Source.SERVER);
    }

    @Override
    public String getConfig(String dataId, String group) {
        return getConfigItem(dataId, group, Duration.ofSeconds(3), false).content();
    }

    /** From now on reads complete only when {@link #releaseReads()} is called, as a slow server would. */
    synchronized void holdReads() {
        heldReads = new ArrayList<>();
    }

    /** Completes the reads held so far with the state of now, on the caller's thread; later reads stay held. */
    void releaseReads() {
        List<Runnable> held;
        synchronized (this) {
            held = heldReads;
            heldReads = new ArrayList<>();
        }
        held.forEach(Runnable::run);
    }

    synchronized int heldReads() {
        return heldReads == null ? 0 : heldReads.size();
    }

    /**
     * From now on a new watcher is not told the current content when added: its own first read comes later
     * ({@link #establishBaselines()}), as the client's poller does it. Until then a deletion is not reported to
     * it, as the real client does for a listener that never saw the content.
     */
    synchronized void lateBaselines() {
        lateBaselines = true;
    }

    /** The watchers' first reads: the ones that have not seen the item get it now, if it exists. */
    void establishBaselines() {
        List<Runnable> tell = new ArrayList<>();
        synchronized (this) {
            watchers.forEach((k, list) -> {
                Content c = server.get(k);
                for (ConfigListener l : list) {
                    if (c != null && sighted.add(l)) {
                        String[] dg = k.split("/", 2);
                        ConfigChangeEvent e = new ConfigChangeEvent(ConfigChangeEvent.Type.CHANGED, dg[1], dg[0],
                                namespace, c.text, md5(c.text), c.type, null);
                        tell.add(() -> l.onChange(e));
                    }
                }
            });
        }
        tell.forEach(callbacks::execute);
    }

    @Override
    public CompletableFuture<ConfigItem> getConfigAsync(String dataId, String group) {
        synchronized (this) {
            if (heldReads != null) {
                CompletableFuture<ConfigItem> later = new CompletableFuture<>();
                heldReads.add(() -> {
                    try {
                        later.complete(getConfigItem(dataId, group, Duration.ofSeconds(3), false));
                    } catch (RuntimeException e) {
                        later.completeExceptionally(e);
                    }
                });
                return later;
            }
        }
        try {
            return CompletableFuture.completedFuture(getConfigItem(dataId, group, Duration.ofSeconds(3), false));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void publishConfig(String dataId, String group, String content, String type, String casMd5) {
        put(dataId, group, content, type);
    }

    @Override
    public CompletableFuture<Void> publishConfigAsync(String dataId, String group, String content, String type,
            String casMd5) {
        put(dataId, group, content, type);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void removeConfig(String dataId, String group) {
        delete(dataId, group);
    }

    @Override
    public CompletableFuture<Void> removeConfigAsync(String dataId, String group) {
        delete(dataId, group);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addConfigWatchers(String dataId, String group, Collection<? extends ConfigListener> listeners) {
        Content current;
        synchronized (this) {
            watchers.computeIfAbsent(key(dataId, group), k -> new ArrayList<>()).addAll(listeners);
            current = down || lateBaselines ? null : server.get(key(dataId, group));
            if (current != null) {
                sighted.addAll(listeners);
            }
        }
        if (current != null) {
            for (ConfigListener l : listeners) {
                ConfigChangeEvent e = new ConfigChangeEvent(ConfigChangeEvent.Type.CHANGED, dataId, group, namespace,
                        current.text, md5(current.text), current.type, null);
                callbacks.execute(() -> l.onChange(e));
            }
        }
    }

    @Override
    public synchronized boolean removeConfigWatcher(String dataId, String group, ConfigListener listener,
            boolean removeAll) {
        List<ConfigListener> list = watchers.get(key(dataId, group));
        if (list == null) {
            return false;
        }
        boolean removed = removeAll ? list.removeIf(l -> l == listener) : list.remove(listener);
        if (!list.contains(listener)) {
            sighted.remove(listener);
        }
        if (list.isEmpty()) {
            watchers.remove(key(dataId, group));
        }
        return removed;
    }
}
