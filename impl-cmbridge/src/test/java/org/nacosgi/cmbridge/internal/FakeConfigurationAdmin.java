package org.nacosgi.cmbridge.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ConfigAdmin as a map of PID to properties, counting writes; sets service.pid/service.factoryPid as CM does. */
final class FakeConfigurationAdmin implements ConfigurationPort {
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private final List<String> operations = new ArrayList<>();
    private RuntimeException failNext;

    @Override
    public synchronized Optional<Map<String, Object>> properties(ConfigurationId id) {
        Map<String, Object> p = configurations.get(id.pid());
        return p == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(p)));
    }

    @Override
    public synchronized void update(ConfigurationId id, Map<String, Object> properties) {
        if (failNext != null) {
            RuntimeException e = failNext;
            failNext = null;
            throw e;
        }
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.put("service.pid", id.pid());
        id.factoryPid().ifPresent(f -> p.put("service.factoryPid", f));
        configurations.put(id.pid(), p);
        operations.add("update " + id.pid());
    }

    @Override
    public synchronized void delete(ConfigurationId id) {
        if (configurations.remove(id.pid()) != null) {
            operations.add("delete " + id.pid());
        }
    }

    /** A configuration someone else made (a .cfg file, the web console). */
    synchronized void putForeign(String pid, Map<String, Object> properties) {
        Map<String, Object> p = new LinkedHashMap<>(properties);
        p.put("service.pid", pid);
        configurations.put(pid, p);
    }

    synchronized Map<String, Object> get(String pid) {
        return configurations.get(pid);
    }

    synchronized boolean has(String pid) {
        return configurations.containsKey(pid);
    }

    synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    synchronized long updates(String pid) {
        return operations.stream().filter(o -> o.equals("update " + pid)).count();
    }

    synchronized void failNextUpdate(RuntimeException e) {
        failNext = e;
    }
}
