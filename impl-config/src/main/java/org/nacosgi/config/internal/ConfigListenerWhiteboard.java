package org.nacosgi.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;

/**
 * The whiteboard of one client: every {@link ConfigListener} service with {@value ConfigListener#DATA_ID} (and
 * optionally {@value ConfigListener#GROUP}; {@value ConfigListener#CLIENT_NAME} picks the client, default any) is
 * watched while registered. An exact ledger keyed by {@code service.id} makes unbind remove exactly what bind added
 * and lets {@code updated} move a listener to its new key. Bad properties are logged once per service and that
 * listener is skipped. Plain Java: the DS shell hands in the service properties as a map.
 */
public final class ConfigListenerWhiteboard implements AutoCloseable {
    static final String SERVICE_ID = "service.id";

    private final ConfigService service;
    private final String clientName;
    private final Logger log;
    private final Map<Long, Watch> ledger = new HashMap<>(); // guarded by this
    private final Set<Long> reported = new HashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    public ConfigListenerWhiteboard(ConfigService service, String clientName, Logger log) {
        this.service = Objects.requireNonNull(service, "service");
        this.clientName = Objects.requireNonNull(clientName, "clientName");
        this.log = Objects.requireNonNull(log, "log");
    }

    public synchronized void bind(ConfigListener listener, Map<String, ?> properties) {
        if (closed) {
            return;
        }
        Long id = serviceId(properties);
        if (id == null || ledger.containsKey(id)) {
            return;
        }
        Watch watch = watchOf(id, listener, properties);
        if (watch == null) {
            return;
        }
        try {
            service.addConfigWatcher(watch.dataId, watch.group, listener);
            ledger.put(id, watch);
            reported.remove(id);
        } catch (NacosException | IllegalStateException e) {
            report(id, listener, e.getMessage());
        }
    }

    public synchronized void updated(ConfigListener listener, Map<String, ?> properties) {
        if (closed) {
            return;
        }
        Long id = serviceId(properties);
        if (id == null) {
            return;
        }
        Watch old = ledger.get(id);
        Watch now = watchOf(id, listener, properties);
        if (old != null && old.equals(now)) {
            return;
        }
        unbindId(id);
        if (now != null) {
            bind(listener, properties);
        }
    }

    public synchronized void unbind(ConfigListener listener, Map<String, ?> properties) {
        Long id = serviceId(properties);
        if (id != null) {
            unbindId(id);
            reported.remove(id);
        }
    }

    /** Unwatches every listener it added; later binds are ignored. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Long id : ledger.keySet().toArray(new Long[0])) {
            unbindId(id);
        }
        reported.clear();
    }

    /** Listeners currently watched through the whiteboard. */
    public synchronized int size() {
        return ledger.size();
    }

    private void unbindId(Long id) {
        Watch w = ledger.remove(id);
        if (w != null) {
            try {
                service.removeConfigWatcher(w.dataId, w.group, w.listener, false);
            } catch (RuntimeException e) {
                log.log(Level.DEBUG, "unwatching " + w.dataId + "/" + w.group + " failed: " + e.getMessage());
            }
        }
    }

    /** The key a listener asks for, null when the service is not for this client or its properties are bad. */
    private Watch watchOf(Long id, ConfigListener listener, Map<String, ?> properties) {
        Object target = properties.get(ConfigListener.CLIENT_NAME);
        if (target != null && !clientName.equals(String.valueOf(target))) {
            return null; // another client's listener: not an error
        }
        Object dataId = properties.get(ConfigListener.DATA_ID);
        Object group = properties.get(ConfigListener.GROUP);
        if (!(dataId instanceof String) || ((String) dataId).isEmpty()) {
            report(id, listener, "property " + ConfigListener.DATA_ID + " must be a non-empty string, got "
                    + describe(dataId));
            return null;
        }
        if (group != null && !(group instanceof String)) {
            report(id, listener, "property " + ConfigListener.GROUP + " must be a string, got " + describe(group));
            return null;
        }
        try {
            String d = ConfigNames.dataId((String) dataId);
            String g = ConfigNames.group((String) group);
            return new Watch(d, g, listener);
        } catch (NacosException e) {
            report(id, listener, e.getMessage());
            return null;
        }
    }

    private void report(Long id, ConfigListener listener, String problem) {
        if (reported.add(id)) {
            log.log(Level.WARNING, "config listener service " + id + " (" + listener.getClass().getName()
                    + ") skipped by client '" + clientName + "': " + problem);
        }
    }

    private static Long serviceId(Map<String, ?> properties) {
        Object id = properties.get(SERVICE_ID);
        return id instanceof Number ? ((Number) id).longValue() : null;
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }

    private static final class Watch {
        final String dataId;
        final String group;
        final ConfigListener listener;

        Watch(String dataId, String group, ConfigListener listener) {
            this.dataId = dataId;
            this.group = group;
            this.listener = listener;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Watch)) {
                return false;
            }
            Watch w = (Watch) o;
            return dataId.equals(w.dataId) && group.equals(w.group) && listener == w.listener;
        }

        @Override
        public int hashCode() {
            return dataId.hashCode() * 31 + group.hashCode();
        }
    }
}
