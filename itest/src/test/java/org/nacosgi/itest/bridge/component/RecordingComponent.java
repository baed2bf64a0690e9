package org.nacosgi.itest.bridge.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The component the bridge tests configure through Nacos. It lives in a bundle of its own (built by
 * {@code ComponentBundle}, DS XML written by hand) and shows what SCR did to it through a JDK interface, so the
 * test reads it without sharing a class: each element is one call ({@code call} = activate, modified or
 * deactivate) with the properties it got.
 */
public final class RecordingComponent implements Supplier<List<Map<String, Object>>> {
    private final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();

    public void activate(Map<String, Object> properties) {
        record("activate", properties);
    }

    public void modified(Map<String, Object> properties) {
        record("modified", properties);
    }

    public void deactivate() {
        record("deactivate", Map.of());
    }

    private void record(String call, Map<String, Object> properties) {
        Map<String, Object> m = new HashMap<>(properties);
        m.put("call", call);
        calls.add(m);
    }

    @Override
    public List<Map<String, Object>> get() {
        return List.copyOf(calls);
    }
}
