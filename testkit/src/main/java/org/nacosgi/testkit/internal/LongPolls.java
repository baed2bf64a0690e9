package org.nacosgi.testkit.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Held listener requests. Each is parked here without a thread; a config change or its timeout (one scheduled task)
 * answers it.
 */
final class LongPolls {
    /** One key a client listens to, with the tenant echoed exactly as it was sent. */
    static final class ListenKey {
        final String dataId;
        final String group;
        final String tenantAsSent;
        final String md5;
        final String storeKey;

        ListenKey(String dataId, String group, String tenantAsSent, String md5, String storeTenant) {
            this.dataId = dataId;
            this.group = group;
            this.tenantAsSent = tenantAsSent;
            this.md5 = md5;
            this.storeKey = ConfigItem.key(storeTenant, group, dataId);
        }
    }

    private static final class Held {
        final Call call;
        final List<ListenKey> keys;
        volatile ScheduledFuture<?> timeout;

        Held(Call call, List<ListenKey> keys) {
            this.call = call;
            this.keys = keys;
        }
    }

    private final Map<String, Set<Held>> byKey = new ConcurrentHashMap<>();
    private final Set<Held> all = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    LongPolls(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Parks the call; {@code onTimeout} builds the empty answer. Then {@code changedMeanwhile} compares the md5s again
     * (null: nothing changed): a change that became visible after the caller compared them but before the call was
     * parked here found nothing to wake, and would otherwise wait out the whole hold.
     */
    void hold(Call call, List<ListenKey> keys, long holdMillis, java.util.function.Supplier<Reply> onTimeout,
            java.util.function.Supplier<Reply> changedMeanwhile) {
        Held h = new Held(call, keys);
        all.add(h);
        for (ListenKey k : keys) {
            byKey.compute(k.storeKey, (key, set) -> {
                Set<Held> s = set == null ? ConcurrentHashMap.newKeySet() : set;
                s.add(h);
                return s;
            });
        }
        h.timeout = scheduler.schedule(() -> {
            if (release(h)) {
                h.call.reply(onTimeout.get());
            }
        }, holdMillis, TimeUnit.MILLISECONDS);
        Reply late = changedMeanwhile.get();
        if (late != null && release(h)) {
            h.timeout.cancel(false);
            h.call.reply(late);
        }
    }

    /** A config's visible md5 changed: answer every held request listening to it with that key. */
    void changed(String storeKey, java.util.function.Function<List<ListenKey>, Reply> answer) {
        Set<Held> set = byKey.get(storeKey);
        if (set == null) {
            return;
        }
        for (Held h : set.toArray(new Held[0])) {
            if (release(h)) {
                ScheduledFuture<?> t = h.timeout;
                if (t != null) {
                    t.cancel(false);
                }
                List<ListenKey> hit = new java.util.ArrayList<>();
                for (ListenKey k : h.keys) {
                    if (k.storeKey.equals(storeKey)) {
                        hit.add(k);
                    }
                }
                h.call.reply(answer.apply(hit));
            }
        }
    }

    private boolean release(Held h) {
        if (!all.remove(h)) {
            return false;
        }
        for (ListenKey k : h.keys) {
            byKey.computeIfPresent(k.storeKey, (key, set) -> {
                set.remove(h);
                return set.isEmpty() ? null : set;
            });
        }
        return true;
    }

    /** Client ip to the md5 it holds, for every held request listening to a config. */
    java.util.Map<String, String> listenersOf(String storeKey) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        Set<Held> set = byKey.get(storeKey);
        if (set != null) {
            for (Held h : set) {
                for (ListenKey k : h.keys) {
                    if (k.storeKey.equals(storeKey)) {
                        out.put(h.call.req.remote.getAddress().getHostAddress(), k.md5);
                    }
                }
            }
        }
        return out;
    }

    /** {@code dataId+group+tenant} to md5 for every key a client ip holds. */
    java.util.Map<String, String> keysOf(String ip) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Held h : all) {
            if (h.call.req.remote.getAddress().getHostAddress().equals(ip)) {
                for (ListenKey k : h.keys) {
                    out.put(k.dataId + "+" + k.group + "+" + Tenants.shown(k.tenantAsSent), k.md5);
                }
            }
        }
        return out;
    }

    int size() {
        return all.size();
    }

    /** Drops every held request (stop / restart): the connections are closed. */
    void dropAll() {
        for (Held h : all.toArray(new Held[0])) {
            if (release(h)) {
                ScheduledFuture<?> t = h.timeout;
                if (t != null) {
                    t.cancel(false);
                }
                h.call.abort();
            }
        }
    }
}
