package org.nacosgi.naming.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.NacosException;
import org.nacosgi.api.naming.Instance;
import org.nacosgi.api.naming.InstanceRegistration;
import org.nacosgi.api.naming.NamingService;

/**
 * The registration whiteboard's ledger: every service carrying {@link InstanceRegistration#SERVICE} is an
 * ephemeral instance registered (in the background, retried until the server takes it) with heartbeats while the
 * service is up, and deregistered when it goes away. Keyed by {@code service.id}; two services naming the same
 * instance keep it registered until both are gone. Bad properties are logged once per service and skipped.
 */
public final class RegistrationWhiteboard {
    private final HttpNamingService naming;
    private final String clientName;
    private final Supplier<String> hostAddress;
    private final Logger log;
    private final Map<Long, Instance> ledger = new HashMap<>();
    private final Set<Long> warned = new HashSet<>();
    private boolean closed;

    public RegistrationWhiteboard(HttpNamingService naming, String clientName, Logger log) {
        this(naming, clientName, PushReceiver::hostAddress, log);
    }

    RegistrationWhiteboard(HttpNamingService naming, String clientName, Supplier<String> hostAddress, Logger log) {
        this.naming = naming;
        this.clientName = clientName;
        this.hostAddress = hostAddress;
        this.log = log;
    }

    public synchronized void added(Map<String, ?> props) {
        if (closed) {
            return;
        }
        long id;
        Instance instance;
        try {
            id = WhiteboardProperties.serviceId(props);
            if (WhiteboardProperties.forOtherClient(props, InstanceRegistration.CLIENT_NAME, clientName)) {
                return;
            }
            instance = instance(props);
            naming.addNamingInstanceInBackground(instance, NamingService.DEFAULT_HEARTBEAT_INTERVAL);
        } catch (NacosException | IllegalStateException e) {
            warnOnce(props, e);
            return;
        }
        ledger.put(id, instance);
    }

    public synchronized void modified(Map<String, ?> props) {
        if (closed) {
            return;
        }
        Object id = props.get("service.id");
        Instance old = id instanceof Number ? ledger.get(((Number) id).longValue()) : null;
        Instance now;
        try {
            now = WhiteboardProperties.forOtherClient(props, InstanceRegistration.CLIENT_NAME, clientName)
                    ? null : instance(props);
        } catch (NacosException e) {
            now = null;
        }
        if (old != null && old.equals(now)) {
            return;
        }
        removed(props);
        added(props);
    }

    public synchronized void removed(Map<String, ?> props) {
        if (closed) {
            return;
        }
        Object id = props.get("service.id");
        Instance instance = id instanceof Number ? ledger.remove(((Number) id).longValue()) : null;
        if (instance == null || stillWanted(instance)) {
            return;
        }
        try {
            naming.removeNamingInstance(instance);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "deregistering whiteboard instance " + instance + " failed (its heartbeat has"
                    + " stopped, so the server drops it): " + e.getMessage());
        }
    }

    /** Ends the whiteboard; the naming service's close deregisters what is still registered. */
    public synchronized void close() {
        closed = true;
        ledger.clear();
    }

    public synchronized int size() {
        return ledger.size();
    }

    private boolean stillWanted(Instance instance) {
        String key = BeatScheduler.key(instance);
        for (Instance other : ledger.values()) {
            if (BeatScheduler.key(other).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private Instance instance(Map<String, ?> props) {
        String service = WhiteboardProperties.text(props, InstanceRegistration.SERVICE);
        if (service == null) {
            throw new InvalidArgumentException(InstanceRegistration.SERVICE, "is required");
        }
        Integer port = WhiteboardProperties.integer(props, InstanceRegistration.PORT);
        if (port == null) {
            throw new InvalidArgumentException(InstanceRegistration.PORT, "is required");
        }
        String ip = WhiteboardProperties.text(props, InstanceRegistration.IP);
        Double weight = WhiteboardProperties.number(props, InstanceRegistration.WEIGHT);
        Instance.Builder b = Instance.builder(service, ip != null ? ip : hostAddress.get(), port)
                .clusterName(WhiteboardProperties.text(props, InstanceRegistration.CLUSTER))
                .weight(weight != null ? weight : Instance.DEFAULT_WEIGHT)
                .metadata(metadata(props));
        if (!service.contains("@@")) {
            b.groupName(WhiteboardProperties.text(props, InstanceRegistration.GROUP));
        }
        Instance i = b.build();
        NamingArguments.checkInstance(i);
        return i;
    }

    /** {@code k=v} items (array or comma-separated) or a JSON object text. */
    private Map<String, String> metadata(Map<String, ?> props) {
        Object raw = props.get(InstanceRegistration.METADATA);
        if (raw instanceof String && ((String) raw).trim().startsWith("{")) {
            return naming.metadataFromJson((String) raw);
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<String> items = WhiteboardProperties.list(props, InstanceRegistration.METADATA);
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException(InstanceRegistration.METADATA,
                        "expected k=v items or a JSON object, got '" + item + "'");
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return out;
    }

    private void warnOnce(Map<String, ?> props, Exception e) {
        Object id = props.get("service.id");
        if (!(id instanceof Number) || warned.add(((Number) id).longValue())) {
            log.log(Level.WARNING, "skipping instance registration service " + id + ": " + e.getMessage());
        }
    }
}
