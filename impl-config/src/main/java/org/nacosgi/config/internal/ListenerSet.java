package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.nacosgi.api.config.ConfigChangeEvent;
import org.nacosgi.api.config.ConfigListener;

/**
 * The listeners of one config item. Each registration has its own {@link SerialLane} over the client's callback
 * pool: it sees its events in order, never an older state after a newer one (states carry a version), and a slow
 * or throwing listener delays no other. What a listener throws is logged with the item's key.
 */
final class ListenerSet {
    private final ConfigKey key;
    private final Executor executor;
    private final Logger log;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    ListenerSet(ConfigKey key, Executor executor, Logger log) {
        this.key = key;
        this.executor = executor;
        this.log = log;
    }

    Registration add(ConfigListener listener) {
        Registration r = new Registration(listener);
        registrations.add(r);
        return r;
    }

    /** Removes the first registration of the listener, or all; returns how many. A running call completes. */
    int remove(ConfigListener listener, boolean all) {
        int removed = 0;
        for (Iterator<Registration> it = registrations.iterator(); it.hasNext();) {
            Registration r = it.next();
            if (r.listener == listener) {
                registrations.remove(r);
                r.active = false;
                removed++;
                if (!all) {
                    break;
                }
            }
        }
        return removed;
    }

    int size() {
        return registrations.size();
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** Offers a state to every registration; callers offer in version order (under the item's lock). */
    void offerAll(ItemState state) {
        for (Registration r : registrations) {
            r.offer(state);
        }
    }

    void clear() {
        for (Registration r : registrations) {
            r.active = false;
        }
        registrations.clear();
    }

    /** One listener registered once; its delivery state is touched only from its lane. */
    final class Registration {
        final ConfigListener listener;
        private final SerialLane lane = new SerialLane(executor);
        volatile boolean active = true;
        private long lastVersion;
        private String lastContent;

        private Registration(ConfigListener listener) {
            this.listener = listener;
        }

        void offer(ItemState state) {
            lane.submit(() -> deliver(state));
        }

        private void deliver(ItemState state) {
            if (!active || state.version <= lastVersion) {
                return;
            }
            lastVersion = state.version;
            ConfigChangeEvent event;
            if (state.exists()) {
                event = new ConfigChangeEvent(ConfigChangeEvent.Type.CHANGED, key.dataId(), key.group(),
                        key.namespace(), state.content, state.md5, state.type, lastContent);
                lastContent = state.content;
            } else if (lastContent != null) {
                event = new ConfigChangeEvent(ConfigChangeEvent.Type.DELETED, key.dataId(), key.group(),
                        key.namespace(), null, "", null, lastContent);
                lastContent = null;
            } else {
                return; // it never saw the item: nothing was deleted from its point of view
            }
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
