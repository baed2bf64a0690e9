package org.nacosgi.testkit.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Services and instances with the real server's timing: lists and pushes come from a per-service snapshot refreshed
 * one list delay after a change (the first read of a service is computed at once); ephemeral instances expire
 * without beats; persistent ones are TCP-checked.
 */
final class InstanceStore {
    /** Outcome of a registration. */
    enum Registered {
        OK, SERVICE_IS_PERSISTENT, SERVICE_IS_EPHEMERAL
    }

    static final int BEAT_OK = 10200;
    static final int BEAT_NOT_FOUND = 20404;

    private final Core core;
    private final Map<String, NamingService> services = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    InstanceStore(Core core) {
        this.core = core;
    }

    /** Starts the expiry sweep and the persistent TCP check. */
    void start() {
        long sweep = Math.max(20, Math.min(1000, core.settings.unhealthyAfter.toMillis() / 15));
        tasks.add(core.scheduler.scheduleWithFixedDelay(() -> guarded(this::sweep, "expiry sweep"), sweep, sweep,
                TimeUnit.MILLISECONDS));
        long tcp = core.settings.persistentCheckInterval.toMillis();
        tasks.add(core.scheduler.scheduleWithFixedDelay(() -> guarded(this::tcpCheck, "TCP health check"), tcp, tcp,
                TimeUnit.MILLISECONDS));
    }

    /** A periodic task that throws would silently stop repeating: log and go on. */
    private static void guarded(Runnable task, String what) {
        try {
            task.run();
        } catch (RuntimeException e) {
            System.getLogger(InstanceStore.class.getName()).log(System.Logger.Level.WARNING,
                    "testkit " + what + " failed", e);
        }
    }

    static String namespace(String ns) {
        return ns == null || ns.isBlank() ? "public" : ns.trim();
    }

    synchronized NamingService find(String ns, String group, String name) {
        return services.get(NamingService.key(namespace(ns), group, name));
    }

    private NamingService getOrCreate(String ns, String group, String name) {
        return services.computeIfAbsent(NamingService.key(namespace(ns), group, name),
                k -> new NamingService(namespace(ns), group, name));
    }

    /** Registers or replaces the instance at ip:port. */
    synchronized Registered register(String ns, String group, String name, String ip, int port, String cluster,
            double weight, boolean healthy, boolean enabled, boolean ephemeral, Map<String, String> metadata,
            boolean showInstanceId) {
        NamingService s = getOrCreate(ns, group, name);
        // a service keeps the kind of its first instance even when it is empty again
        if (s.ephemeral != null && s.ephemeral != ephemeral) {
            return ephemeral ? Registered.SERVICE_IS_PERSISTENT : Registered.SERVICE_IS_EPHEMERAL;
        }
        s.ephemeral = ephemeral;
        Instance old = s.instances.get(ip + ":" + port);
        Instance i = new Instance(ip, port, ephemeral);
        i.cluster = cluster;
        i.weight = weight;
        i.healthy = healthy;
        i.enabled = enabled;
        i.metadata = new LinkedHashMap<>(metadata);
        i.showInstanceId = showInstanceId;
        i.lastBeatMillis = System.currentTimeMillis();
        i.registeredMillis = i.lastBeatMillis;
        if (old != null) {
            i.overlayWeight = old.overlayWeight;
            i.overlayEnabled = old.overlayEnabled;
            i.overlayMetadata = old.overlayMetadata;
        }
        s.instances.put(ip + ":" + port, i);
        s.clusters.add(cluster);
        changed(s);
        return Registered.OK;
    }

    /** Removes the instance at ip:port when its ephemeral flag matches; unknown instances are ignored. */
    synchronized void deregister(String ns, String group, String name, String ip, int port, boolean ephemeral) {
        NamingService s = find(ns, group, name);
        if (s == null) {
            return;
        }
        Instance i = s.instances.get(ip + ":" + port);
        if (i != null && i.ephemeral == ephemeral) {
            s.instances.remove(ip + ":" + port);
            changed(s);
        }
    }

    /** PUT: replaces the overlay (weight, enabled, metadata). Returns false for an unknown instance. */
    synchronized boolean update(String ns, String group, String name, String ip, int port, double weight,
            boolean enabled, Map<String, String> metadata) {
        Instance i = instance(ns, group, name, ip, port);
        if (i == null) {
            return false;
        }
        i.overlayWeight = weight;
        i.overlayEnabled = enabled;
        i.overlayMetadata = new LinkedHashMap<>(metadata);
        changed(find(ns, group, name));
        return true;
    }

    /** PATCH: changes only what is given. Returns false for an unknown instance. */
    synchronized boolean patch(String ns, String group, String name, String ip, int port, Double weight,
            Boolean enabled, Map<String, String> metadata) {
        Instance i = instance(ns, group, name, ip, port);
        if (i == null) {
            return false;
        }
        if (weight != null) {
            i.overlayWeight = weight;
        }
        if (enabled != null) {
            i.overlayEnabled = enabled;
        }
        if (metadata != null) {
            Map<String, String> m = i.overlayMetadata == null ? new LinkedHashMap<>() : i.overlayMetadata;
            m.putAll(metadata);
            i.overlayMetadata = m;
        }
        changed(find(ns, group, name));
        return true;
    }

    private Instance instance(String ns, String group, String name, String ip, int port) {
        NamingService s = find(ns, group, name);
        return s == null ? null : s.instances.get(ip + ":" + port);
    }

    /** A beat for an ephemeral instance at ip:port (any cluster); 20404 when there is none. */
    synchronized int lightBeat(String ns, String group, String name, String ip, int port) {
        Instance i = instance(ns, group, name, ip, port);
        if (i == null || !i.ephemeral) {
            return BEAT_NOT_FOUND;
        }
        i.lastBeatMillis = System.currentTimeMillis();
        if (!i.healthy) {
            i.healthy = true;
            changed(find(ns, group, name));
        }
        return BEAT_OK;
    }

    synchronized boolean exists(String ns, String group, String name, String ip, int port) {
        return instance(ns, group, name, ip, port) != null;
    }

    /** The effective state of one instance, or null. */
    synchronized Host host(String ns, String group, String name, String ip, int port) {
        Instance i = instance(ns, group, name, ip, port);
        return i == null ? null : i.snapshot(group + "@@" + name);
    }

    /**
     * What a list shows: the published snapshot (stale for one list delay after a change); the first read of a
     * service computes it at once. Null hosts when the service does not exist.
     */
    synchronized List<Host> listView(String ns, String group, String name) {
        NamingService s = find(ns, group, name);
        if (s == null) {
            return Collections.emptyList();
        }
        if (s.published == null) {
            s.published = s.current();
            s.publishedAt = System.currentTimeMillis();
        }
        return s.published;
    }

    synchronized long lastRefTime(String ns, String group, String name) {
        NamingService s = find(ns, group, name);
        return s == null || s.publishedAt == 0 ? System.currentTimeMillis() : s.publishedAt;
    }

    /** Current (not delayed) hosts, for tests. */
    synchronized List<Host> currentHosts(String ns, String group, String name) {
        NamingService s = find(ns, group, name);
        return s == null ? Collections.emptyList() : s.current();
    }

    /** Service names of a group, sorted. */
    synchronized List<String> serviceNames(String ns, String group) {
        TreeSet<String> out = new TreeSet<>();
        for (NamingService s : services.values()) {
            if (s.namespace.equals(namespace(ns)) && s.group.equals(group)) {
                out.add(s.name);
            }
        }
        return new ArrayList<>(out);
    }

    synchronized List<NamingService> servicesIn(String ns) {
        List<NamingService> out = new ArrayList<>();
        for (NamingService s : services.values()) {
            if (s.namespace.equals(namespace(ns))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Creates an empty service (admin API). Returns false when it exists. */
    synchronized boolean createService(String ns, String group, String name, double protectThreshold,
            Map<String, String> metadata, Boolean ephemeral) {
        if (find(ns, group, name) != null) {
            return false;
        }
        NamingService s = getOrCreate(ns, group, name);
        s.protectThreshold = protectThreshold;
        s.metadata = new LinkedHashMap<>(metadata);
        s.ephemeral = ephemeral;
        // the real server builds the service's cached view at creation: instances show up one list delay later
        s.published = s.current();
        s.publishedAt = System.currentTimeMillis();
        return true;
    }

    /** Admin service update: protect threshold and metadata. False when unknown. */
    synchronized boolean updateService(String ns, String group, String name, Double protectThreshold,
            Map<String, String> metadata) {
        NamingService s = find(ns, group, name);
        if (s == null) {
            return false;
        }
        if (protectThreshold != null) {
            s.protectThreshold = protectThreshold;
        }
        if (metadata != null) {
            s.metadata = new LinkedHashMap<>(metadata);
        }
        return true;
    }

    /** Adds (or with {@code delete} removes) metadata keys on the listed ip:port instances. */
    synchronized void batchMetadata(String ns, String group, String name, List<String[]> ipPorts,
            Map<String, String> metadata, boolean delete) {
        NamingService s = find(ns, group, name);
        if (s == null) {
            return;
        }
        for (String[] ipPort : ipPorts) {
            Instance i = s.instances.get(ipPort[0] + ":" + ipPort[1]);
            if (i == null) {
                continue;
            }
            Map<String, String> overlay = i.overlayMetadata == null ? new LinkedHashMap<>() : i.overlayMetadata;
            if (delete) {
                for (String k : metadata.keySet()) {
                    overlay.remove(k);
                    i.metadata.remove(k);
                }
            } else {
                overlay.putAll(metadata);
            }
            i.overlayMetadata = overlay;
        }
        changed(s);
    }

    /** {@code ip:port#ephemeral} of every instance (the 3.x client list). */
    synchronized List<String> clientIds() {
        List<String> out = new ArrayList<>();
        for (NamingService s : services.values()) {
            for (Instance i : s.instances.values()) {
                out.add(i.ip + ":" + i.port + "#" + i.ephemeral);
            }
        }
        return out;
    }

    synchronized Long lastBeat(String clientId) {
        for (NamingService s : services.values()) {
            for (Instance i : s.instances.values()) {
                if ((i.ip + ":" + i.port + "#" + i.ephemeral).equals(clientId)) {
                    return i.lastBeatMillis;
                }
            }
        }
        return null;
    }

    synchronized boolean removeService(String ns, String group, String name) {
        return services.remove(NamingService.key(namespace(ns), group, name)) != null;
    }

    /**
     * Schedules the snapshot refresh (and the UDP push) one list delay after the last change; changes in between are
     * merged into one refresh, as the real server's delayed push task merges them.
     */
    private void changed(NamingService s) {
        if (s == null) {
            return;
        }
        long delay = core.settings.listDelay.toNanos();
        if (delay == 0) {
            s.published = s.current();
            s.publishedAt = System.currentTimeMillis();
            core.scheduler.execute(() -> core.pusher.serviceChanged(s.key()));
            return;
        }
        s.publishDueNanos = System.nanoTime() + delay;
        if (!s.publishPending) {
            s.publishPending = true;
            core.scheduler.schedule(() -> publish(s), delay, TimeUnit.NANOSECONDS);
        }
    }

    private void publish(NamingService s) {
        synchronized (this) {
            long wait = s.publishDueNanos - System.nanoTime();
            if (wait > 0) {
                core.scheduler.schedule(() -> publish(s), wait, TimeUnit.NANOSECONDS);
                return;
            }
            s.publishPending = false;
            s.published = s.current();
            s.publishedAt = System.currentTimeMillis();
        }
        core.pusher.serviceChanged(s.key());
    }

    /** Ephemeral expiry: unhealthy after unhealthyAfter, removed after removeAfter (metadata may override). */
    private void sweep() {
        long now = System.currentTimeMillis();
        synchronized (this) {
            for (NamingService s : services.values()) {
                boolean any = false;
                for (java.util.Iterator<Instance> it = s.instances.values().iterator(); it.hasNext();) {
                    Instance i = it.next();
                    if (!i.ephemeral) {
                        continue;
                    }
                    long idle = now - i.lastBeatMillis;
                    Host h = i.snapshot(s.grouped());
                    long unhealthy = h.metaMillis("preserved.heart.beat.timeout",
                            core.settings.unhealthyAfter.toMillis());
                    long remove = h.metaMillis("preserved.ip.delete.timeout", core.settings.removeAfter.toMillis());
                    if (idle > remove) {
                        it.remove();
                        any = true;
                    } else if (idle > unhealthy && i.healthy) {
                        i.healthy = false;
                        any = true;
                    }
                }
                if (any) {
                    changed(s);
                }
            }
        }
    }

    /** Persistent instances: one TCP connect each; a refused connection makes the instance unhealthy. */
    private void tcpCheck() {
        List<Object[]> targets = new ArrayList<>();
        synchronized (this) {
            for (NamingService s : services.values()) {
                for (Instance i : s.instances.values()) {
                    long age = System.currentTimeMillis() - i.registeredMillis;
                    if (!i.ephemeral && age >= core.settings.persistentCheckInterval.toMillis()) {
                        targets.add(new Object[] {s, i});
                    }
                }
            }
        }
        for (Object[] t : targets) {
            NamingService s = (NamingService) t[0];
            Instance i = (Instance) t[1];
            boolean up;
            try (Socket sock = new Socket()) {
                sock.connect(new InetSocketAddress(i.ip, i.port), 200);
                up = true;
            } catch (IOException | IllegalArgumentException e) {
                up = false;
            }
            synchronized (this) {
                if (i.healthy != up && s.instances.get(i.ip + ":" + i.port) == i) {
                    i.healthy = up;
                    changed(s);
                }
            }
        }
    }

    /** Restart losing state: ephemeral instances vanish (their clients will get 20404). */
    synchronized void forgetEphemeral() {
        for (NamingService s : services.values()) {
            if (s.instances.values().removeIf(i -> i.ephemeral)) {
                s.published = s.current();
                s.publishedAt = System.currentTimeMillis();
            }
        }
    }

    synchronized void clear() {
        services.clear();
    }

    void stop() {
        for (ScheduledFuture<?> f : tasks) {
            f.cancel(false);
        }
        tasks.clear();
    }
}
