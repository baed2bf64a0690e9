package org.nacosgi.cmbridge.internal;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.nacosgi.api.NotFoundException;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;

/**
 * Reads one item once (the config service falls back to its snapshot when no server answers), then watches it,
 * and hands each new content to its {@link ItemHandler} under the bridge's lock. The first read is what applies
 * snapshots at a start without server and what notices an item deleted while nobody watched; the watcher's first
 * call usually repeats that content and is skipped by its md5.
 * <p>
 * A watcher reports a deletion only when it saw the content first: when the item is deleted between the first
 * read and the watcher's own first read, the watcher says nothing. So until the watcher has called once, the item
 * is read again (at most {@value #CONFIRM_READS} times, each read chained on the previous answer) and a "not
 * found" deletes the configuration. Those reads never apply content: racing the watcher's calls, they could
 * apply an older content after a newer one.
 */
final class ItemWatch implements ConfigListener {
    static final int CONFIRM_READS = 3;

    private final ConfigService service;
    private final String dataId;
    private final String group;
    private final ItemHandler handler;
    private final BridgeLock lock;
    private final System.Logger log;
    // guarded by lock
    private boolean stopped;
    private String lastMd5;
    /** The watcher called: from now on it reports deletions itself. */
    private boolean heard;
    private int confirmReads;

    ItemWatch(ConfigService service, String dataId, String group, ItemHandler handler, BridgeLock lock,
            System.Logger log) {
        this.service = service;
        this.dataId = dataId;
        this.group = group;
        this.handler = handler;
        this.lock = lock;
        this.log = log;
    }

    /** Reads, then watches. Not under the lock (run it with {@link BridgeLock#afterUnlock(Runnable)}). */
    void start() {
        CompletableFuture<ConfigItem> read;
        try {
            read = service.getConfigAsync(dataId, group);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenComplete((item, error) -> {
            lock.run(() -> first(item, unwrap(error)));
            watch();
        });
    }

    private void first(ConfigItem item, Throwable error) {
        if (stopped) {
            return;
        }
        if (item != null) {
            if (!isRepeat(item.md5())) {
                handler.present(item.content(), item.type(), item.source().name().toLowerCase(Locale.ROOT));
            }
        } else if (error instanceof NotFoundException) {
            lastMd5 = null;
            handler.absent();
        } else if (error instanceof RuntimeException) {
            handler.unreadable((RuntimeException) error);
        } else {
            handler.unreadable(new IllegalStateException(String.valueOf(error), error));
        }
    }

    private void watch() {
        if (lock.get(() -> stopped)) {
            return;
        }
        try {
            service.addConfigWatcher(dataId, group, this);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "nacosgi cmbridge: cannot watch item " + dataId + " in group " + group
                    + "; its configuration is not kept up to date: " + e, e);
            return;
        }
        if (lock.get(() -> stopped)) {
            service.removeConfigWatcher(dataId, group, this, true); // stopped while we added
            return;
        }
        confirm();
    }

    /**
     * Reads again while the content came from a read and the watcher has not called yet, to learn of a deletion
     * the watcher will not report. Only "not found" is acted on.
     */
    private void confirm() {
        boolean needed = lock.get(() -> {
            if (stopped || heard || lastMd5 == null || confirmReads >= CONFIRM_READS) {
                return false;
            }
            confirmReads++;
            return true;
        });
        if (!needed) {
            return;
        }
        CompletableFuture<ConfigItem> read;
        try {
            read = service.getConfigAsync(dataId, group);
        } catch (RuntimeException e) {
            return; // the watcher goes on; nothing learnt
        }
        read.whenComplete((item, error) -> {
            Throwable e = unwrap(error);
            boolean again = lock.get(() -> {
                if (stopped || heard) {
                    return false;
                }
                if (e instanceof NotFoundException) {
                    lastMd5 = null;
                    handler.absent();
                    return false;
                }
                // present: content is the watcher's to report (a read racing its calls could apply an older
                // content after a newer one); only a deletion before its first read would go unreported
                return item != null && item.source() == ConfigItem.Source.SERVER;
            });
            if (again) {
                confirm();
            }
        });
    }

    @Override
    public void onChange(ConfigChangeEvent event) {
        lock.run(() -> {
            if (stopped) {
                return;
            }
            if (!heard) {
                heard = true;
                log.log(Level.DEBUG, () -> "nacosgi cmbridge: watching item " + dataId + " in group " + group
                        + " (first call: " + event.type() + ")");
            }
            if (event.type() == ConfigChangeEvent.Type.DELETED) {
                lastMd5 = null;
                handler.absent();
            } else if (!isRepeat(event.md5())) {
                handler.present(event.content().orElseThrow(), event.configType().orElse(null), "change");
            }
        });
    }

    private boolean isRepeat(String md5) {
        if (md5 != null && !md5.isEmpty() && md5.equals(lastMd5)) {
            return true;
        }
        lastMd5 = md5;
        return false;
    }

    /** Under the lock: no more handler calls; the watcher is removed once the lock is released. */
    void stop() {
        stopped = true;
        lock.afterUnlock(() -> service.removeConfigWatcher(dataId, group, this, true));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
