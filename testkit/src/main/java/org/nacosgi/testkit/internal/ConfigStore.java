package org.nacosgi.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Configs as the real server keeps them: the database (written at once; admin reads and compare-and-set use it) and
 * the dump cache (what v1 GETs and listeners see), refreshed one dump delay after each write.
 */
final class ConfigStore {
    /** Config types Nacos knows; anything else is stored as {@code text}. */
    private static final Set<String> TYPES = Set.of("properties", "xml", "json", "text", "html", "yaml", "toml");

    /** One history row (the v2 / v3 history APIs). */
    static final class History {
        final long id;
        final String opType;
        final ConfigItem item;
        final long time;

        History(long id, String opType, ConfigItem item, long time) {
            this.id = id;
            this.opType = opType;
            this.item = item;
            this.time = time;
        }
    }

    private final Map<String, ConfigItem> db = new ConcurrentHashMap<>();
    private final Map<String, ConfigItem> cache = new ConcurrentHashMap<>();
    private final List<History> history = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1100566824094797824L);
    private final AtomicLong historyIds = new AtomicLong(100);
    private final ScheduledExecutorService scheduler;
    private final Duration dumpDelay;
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

    private final Duration adminDumpDelay;

    ConfigStore(ScheduledExecutorService scheduler, Duration dumpDelay, Duration adminDumpDelay) {
        this.scheduler = scheduler;
        this.dumpDelay = dumpDelay;
        this.adminDumpDelay = adminDumpDelay;
    }

    static String normalizeType(String type) {
        return type != null && TYPES.contains(type) ? type : "text";
    }

    /** Called with the key ({@link ConfigItem#key}) whenever the visible md5 of a config changes. */
    void onChange(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    ConfigItem visible(String tenant, String group, String dataId) {
        return cache.get(ConfigItem.key(tenant, group, dataId));
    }

    ConfigItem stored(String tenant, String group, String dataId) {
        return db.get(ConfigItem.key(tenant, group, dataId));
    }

    /** Visible md5 of a config, "" when it does not exist. */
    String visibleMd5(String tenant, String group, String dataId) {
        ConfigItem i = visible(tenant, group, dataId);
        return i == null ? "" : i.md5;
    }

    /**
     * Publishes a config. With a non-null {@code casMd5} the write only happens when the stored md5 equals it (or the
     * config is new). Returns false on a compare-and-set failure.
     */
    synchronized boolean publish(String tenant, String group, String dataId, String content, String type,
            String appName, String desc, String tags, String casMd5, String srcIp, boolean immediate) {
        return publish(tenant, group, dataId, content, type, appName, desc, tags, casMd5, srcIp,
                immediate ? Duration.ZERO : dumpDelay);
    }

    /** As above with an explicit dump delay (3.x admin writes are dumped about four times sooner). */
    synchronized boolean publish(String tenant, String group, String dataId, String content, String type,
            String appName, String desc, String tags, String casMd5, String srcIp, Duration delay) {
        String key = ConfigItem.key(tenant, group, dataId);
        ConfigItem old = db.get(key);
        if (casMd5 != null && old != null && !old.md5.equals(casMd5)) {
            return false;
        }
        long now = System.currentTimeMillis();
        // an update without appName / desc / tags keeps the stored ones
        String app = appName != null ? appName : old != null ? old.appName : "";
        String description = desc != null ? desc : old != null ? old.desc : null;
        String configTags = tags != null ? tags : old != null ? old.tags : null;
        ConfigItem item = new ConfigItem(tenant, group, dataId, content, normalizeType(type), app, description,
                configTags, old == null ? ids.incrementAndGet() : old.id,
                old == null ? now : old.createTime, now, srcIp);
        db.put(key, item);
        history.add(new History(historyIds.incrementAndGet(), old == null ? "I" : "U", old == null ? item : old, now));
        scheduleDump(key, delay);
        return true;
    }

    synchronized boolean delete(String tenant, String group, String dataId, String srcIp, boolean immediate) {
        return delete(tenant, group, dataId, srcIp, immediate ? Duration.ZERO : dumpDelay);
    }

    synchronized boolean delete(String tenant, String group, String dataId, String srcIp, Duration delay) {
        String key = ConfigItem.key(tenant, group, dataId);
        ConfigItem old = db.remove(key);
        if (old != null) {
            history.add(new History(historyIds.incrementAndGet(), "D", old, System.currentTimeMillis()));
            scheduleDump(key, delay);
        }
        return true;
    }

    private void scheduleDump(String key, Duration delay) {
        if (delay.isZero()) {
            dump(key);
        } else {
            scheduler.schedule(() -> dump(key), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** 3.0.3 measured 21 ms for admin writes against 73-85 ms for v1 publishes. */
    Duration adminDumpDelay() {
        return adminDumpDelay;
    }

    /** Copies the database state of one key into the cache and tells listeners when its md5 changed. */
    private void dump(String key) {
        boolean changed;
        synchronized (this) {
            ConfigItem now = db.get(key);
            ConfigItem before = now == null ? cache.remove(key) : cache.put(key, now);
            String oldMd5 = before == null ? "" : before.md5;
            String newMd5 = now == null ? "" : now.md5;
            changed = !oldMd5.equals(newMd5);
        }
        if (changed) {
            for (Consumer<String> l : changeListeners) {
                l.accept(key);
            }
        }
    }

    Collection<ConfigItem> all() {
        return new ArrayList<>(db.values());
    }

    long countIn(String tenant) {
        return db.values().stream().filter(i -> i.tenant.equals(tenant)).count();
    }

    /** History rows of one config, newest first. */
    List<History> history(String tenant, String group, String dataId) {
        List<History> out = new ArrayList<>();
        for (History h : history) {
            if (h.item.tenant.equals(tenant) && h.item.group.equals(group) && h.item.dataId.equals(dataId)) {
                out.add(0, h);
            }
        }
        return out;
    }

    History historyById(long id) {
        for (History h : history) {
            if (h.id == id) {
                return h;
            }
        }
        return null;
    }

    synchronized void clear() {
        db.clear();
        cache.clear();
        history.clear();
    }
}
