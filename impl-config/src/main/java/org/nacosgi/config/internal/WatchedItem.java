package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;

/**
 * A watched config item: its listeners and the last state the client knows (content, md5, type) with a version that
 * grows with every change. State changes and listener additions happen under this object's lock so every
 * registration is offered states in version order.
 * Each registration has its own {@link SerialLane} over the client's callback pool: it sees its events in order,
 * never an older state after a newer one (states carry a version), and a slow or throwing listener delays no other.
 * What a listener throws is logged with the item's key.
 */
final class WatchedItem {
    final ConfigKey key;
    /** "dataId^Bgroup": how listener answers name the item. */
    final String wireKey;
    private final Executor callbacks;
    private final Logger log;
    private final List<Registration> registrations = new ArrayList<>(); // guarded by this
    /** Missing while unknown. */
    private Fetched state = Fetched.missing();
    private long version;
    /** Whether the state came from a failover file (the item is then left out of polls). */
    private boolean failover;
    /** Owned by the poller: the batch this item is polled in, and when its md5 was last checked (v3 polling). */
    volatile Object batch;
    volatile long checkedAtNanos;
    volatile boolean checked;

    WatchedItem(ConfigKey key, Executor callbacks, Logger log) {
        this.key = key;
        this.wireKey = key.dataId() + ListeningConfigs.FIELD + key.group();
        this.callbacks = callbacks;
        this.log = log;
    }

    /** Registers a listener; it gets the current content at once when the item is known to exist. */
    synchronized void addListener(ConfigListener listener) {
        Registration r = new Registration(listener);
        registrations.add(r);
        if (state.exists()) {
            r.offer(version, state);
        }
    }

    /** Removes the first registration of the listener, or all; returns how many. A running call completes. */
    synchronized int removeListener(ConfigListener listener, boolean all) {
        int removed = 0;
        for (Iterator<Registration> it = registrations.iterator(); it.hasNext();) {
            Registration r = it.next();
            if (r.listener == listener) {
                it.remove();
                r.active = false;
                removed++;
                if (!all) {
                    break;
                }
            }
        }
        return removed;
    }

    synchronized boolean hasListeners() {
        return !registrations.isEmpty();
    }

    synchronized void clearListeners() {
        for (Registration r : registrations) {
            r.active = false;
        }
        registrations.clear();
    }

    /** The md5 to poll with: "" while unknown or missing. */
    synchronized String md5() {
        return state.md5();
    }

    synchronized boolean isFailover() {
        return failover;
    }

    /** Applies a server answer; true when it changed what the listeners saw (an event went out). */
    synchronized boolean apply(Fetched fetched) {
        failover = false;
        return change(fetched);
    }

    /** Applies a failover file's content; the item stays out of polls until the file is gone. */
    synchronized boolean applyFailover(String content) {
        failover = true;
        return change(new Fetched(content, Md5.of(content), null));
    }

    /** The failover file is gone: poll again, from the failover content's md5 (the server says if it differs). */
    synchronized void leaveFailover() {
        failover = false;
    }

    private boolean change(Fetched next) {
        if (state.md5().equals(next.md5()) && state.exists() == next.exists()) {
            return false;
        }
        state = next;
        version++;
        for (Registration r : registrations) {
            r.offer(version, next);
        }
        return true;
    }

    /** One listener registered once; its delivery state is touched only from its lane. */
    private final class Registration {
        final ConfigListener listener;
        private final SerialLane lane = new SerialLane(callbacks);
        volatile boolean active = true;
        private long lastVersion;
        private String lastContent;

        Registration(ConfigListener listener) {
            this.listener = listener;
        }

        void offer(long version, Fetched state) {
            lane.submit(() -> deliver(version, state));
        }

        private void deliver(long version, Fetched state) {
            if (!active || version <= lastVersion) {
                return;
            }
            lastVersion = version;
            if (!state.exists() && lastContent == null) {
                return; // it never saw the item: nothing was deleted from its point of view
            }
            // a missing item's state has no content, md5 "" and no type: what a DELETED event carries
            ConfigChangeEvent event = new ConfigChangeEvent(state.exists() ? ConfigChangeEvent.Type.CHANGED
                    : ConfigChangeEvent.Type.DELETED, key.dataId(), key.group(), key.namespace(), state.content(),
                    state.md5(), state.type(), lastContent);
            lastContent = state.content();
            try {
                listener.onChange(event);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                log.log(Level.WARNING, "config listener " + listener.getClass().getName() + " threw on " + event.type()
                        + " of " + key, t);
            }
        }
    }
}
