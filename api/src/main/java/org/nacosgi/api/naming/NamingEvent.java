package org.nacosgi.api.naming;

import java.util.List;
import java.util.Objects;

/**
 * What changed in a subscribed service since the listener's previous event: added, removed and modified
 * instances, and the full current list. The first event of a subscription reports every current instance as added.
 */
public final class NamingEvent {
    private final ServiceQuery query;
    private final List<Instance> added;
    private final List<Instance> removed;
    private final List<Instance> modified;
    private final List<Instance> instances;

    public NamingEvent(ServiceQuery query, List<Instance> added, List<Instance> removed, List<Instance> modified,
            List<Instance> instances) {
        this.query = Objects.requireNonNull(query, "query");
        this.added = List.copyOf(added);
        this.removed = List.copyOf(removed);
        this.modified = List.copyOf(modified);
        this.instances = List.copyOf(instances);
    }

    /** The subscription this event belongs to. */
    public ServiceQuery query() { return query; }
    public String serviceName() { return query.serviceName(); }
    public String groupName() { return query.groupName(); }
    public List<Instance> added() { return added; }
    public List<Instance> removed() { return removed; }
    /** Instances still there whose weight, health, enabled flag or metadata changed (their new state). */
    public List<Instance> modified() { return modified; }
    /** Every current instance. */
    public List<Instance> instances() { return instances; }

    @Override
    public String toString() {
        return "NamingEvent{" + query + " added=" + added.size() + " removed=" + removed.size() + " modified="
                + modified.size() + " total=" + instances.size() + "}";
    }
}
