package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.naming.NamingListener;
import org.nacosgi.api.naming.NamingService;
import org.nacosgi.api.naming.ServiceQuery;

/**
 * The listener whiteboard's ledger: every {@link NamingListener} service with {@link NamingListener#SERVICE_NAME}
 * is subscribed while registered. Keyed by {@code service.id}, so an unbind removes exactly what its bind added
 * and an update moves it; bad properties are logged once per service and that listener is skipped; calls after
 * {@link #close()} do nothing. No OSGi types: the DS shell hands over the service and its properties.
 */
public final class ListenerWhiteboard {
    private final NamingService naming;
    private final String clientName;
    private final Logger log;
    /** Per service id: the listener and the query it was subscribed with. */
    private final Map<Long, Map.Entry<NamingListener, ServiceQuery>> ledger = new HashMap<>();
    private final Set<Long> warned = new HashSet<>();
    private boolean closed;

    public ListenerWhiteboard(NamingService naming, String clientName, Logger log) {
        this.naming = naming;
        this.clientName = clientName;
        this.log = log;
    }

    public synchronized void added(NamingListener listener, Map<String, ?> props) {
        if (closed) {
            return;
        }
        long id;
        ServiceQuery query;
        try {
            id = WhiteboardProperties.serviceId(props);
            if (WhiteboardProperties.forOtherClient(props, NamingListener.CLIENT_NAME, clientName)) {
                return;
            }
            query = query(props);
            naming.subscribe(listener, query, NamingService.DEFAULT_SUBSCRIBE_INTERVAL);
        } catch (NacosException | IllegalStateException e) {
            warnOnce(props, e);
            return;
        }
        ledger.put(id, Map.entry(listener, query));
    }

    public synchronized void modified(NamingListener listener, Map<String, ?> props) {
        if (closed) {
            return;
        }
        removed(props);
        added(listener, props);
    }

    public synchronized void removed(Map<String, ?> props) {
        if (closed) {
            return;
        }
        Object id = props.get("service.id");
        Map.Entry<NamingListener, ServiceQuery> e = id instanceof Number ? ledger.remove(((Number) id).longValue()) : null;
        if (e != null) {
            try {
                naming.unsubscribe(e.getValue(), e.getKey());
            } catch (RuntimeException ex) {
                log.log(Level.DEBUG, "unsubscribing a whiteboard listener failed: " + ex);
            }
        }
    }

    /** Ends the whiteboard; the naming service's own close ends the subscriptions. */
    public synchronized void close() {
        closed = true;
        ledger.clear();
    }

    public synchronized int size() {
        return ledger.size();
    }

    private static ServiceQuery query(Map<String, ?> props) {
        String service = WhiteboardProperties.text(props, NamingListener.SERVICE_NAME);
        if (service == null) {
            throw new org.nacosgi.api.InvalidArgumentException(NamingListener.SERVICE_NAME, "is required");
        }
        ServiceQuery.Builder b = ServiceQuery.builder(service)
                .clusters(WhiteboardProperties.list(props, NamingListener.CLUSTERS));
        if (!service.contains("@@")) {
            b.groupName(WhiteboardProperties.text(props, NamingListener.GROUP));
        }
        return b.build();
    }

    private void warnOnce(Map<String, ?> props, Exception e) {
        Object id = props.get("service.id");
        if (!(id instanceof Number) || warned.add(((Number) id).longValue())) {
            log.log(Level.WARNING, "skipping naming listener service " + id + ": " + e.getMessage());
        }
    }
}
