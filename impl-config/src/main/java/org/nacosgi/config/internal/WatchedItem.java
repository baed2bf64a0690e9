package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.util.concurrent.Executor;
import org.nacosgi.api.config.ConfigListener;

/**
 * A watched config item: its listeners and the last state the client knows (content, md5, version). State changes
 * and listener additions happen under this object's lock so every registration is offered states in version order.
 */
final class WatchedItem {
    final ConfigKey key;
    /** "dataId^Bgroup": how listener answers name the item. */
    final String wireKey;
    private final ListenerSet listeners;
    private ItemState state = ItemState.UNKNOWN;
    /** Whether the state came from a failover file (the item is then left out of polls). */
    private boolean failover;
    /** Owned by the poller: the batch this item is polled in, and when its md5 was last checked (v3 polling). */
    volatile Object batch;
    volatile long checkedAtNanos;
    volatile boolean checked;

    WatchedItem(ConfigKey key, Executor callbacks, Logger log) {
        this.key = key;
        this.wireKey = key.dataId() + ListeningConfigs.FIELD + key.group();
        this.listeners = new ListenerSet(key, callbacks, log);
    }

    /** Registers a listener; it gets the current content at once when the item is known to exist. */
    synchronized void addListener(ConfigListener listener) {
        ListenerSet.Registration r = listeners.add(listener);
        if (state.exists()) {
            r.offer(state);
        }
    }

    synchronized int removeListener(ConfigListener listener, boolean all) {
        return listeners.remove(listener, all);
    }

    synchronized boolean hasListeners() {
        return !listeners.isEmpty();
    }

    synchronized void clearListeners() {
        listeners.clear();
    }

    /** The md5 to poll with: "" while unknown or missing. */
    synchronized String md5() {
        return state.md5;
    }

    synchronized ItemState state() {
        return state;
    }

    synchronized boolean isFailover() {
        return failover;
    }

    /** Applies a server answer; true when it changed what the listeners saw (an event went out). */
    synchronized boolean apply(Fetched fetched) {
        failover = false;
        return change(fetched.content(), fetched.md5(), fetched.type());
    }

    /** Applies a failover file's content; the item stays out of polls until the file is gone. */
    synchronized boolean applyFailover(String content) {
        failover = true;
        return change(content, Md5.of(content), null);
    }

    /** The failover file is gone: poll again, from the failover content's md5 (the server says if it differs). */
    synchronized void leaveFailover() {
        failover = false;
    }

    private boolean change(String content, String md5, String type) {
        if (state.md5.equals(md5) && state.exists() == (content != null)) {
            return false;
        }
        state = new ItemState(state.version + 1, content, md5, content == null ? null : type);
        listeners.offerAll(state);
        return true;
    }
}
