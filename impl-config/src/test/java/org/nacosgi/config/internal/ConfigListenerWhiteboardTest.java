package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.config.ConfigItem;
import org.nacosgi.api.config.ConfigListener;
import org.nacosgi.api.config.ConfigService;

/** The whiteboard's ledger: exact unbind by service.id, updated moves, bad properties once, other clients skipped. */
class ConfigListenerWhiteboardTest {
    /** Records add/remove calls; everything else unused. */
    static final class RecordingService implements ConfigService {
        final List<String> calls = new ArrayList<>();

        @Override
        public void addConfigWatchers(String dataId, String group, Collection<? extends ConfigListener> listeners) {
            calls.add("add " + dataId + "/" + group);
        }

        @Override
        public boolean removeConfigWatcher(String dataId, String group, ConfigListener listener, boolean removeAll) {
            calls.add("remove " + dataId + "/" + group + (removeAll ? " all" : " one"));
            return true;
        }

        @Override public String getConfig(String dataId, String group) { throw new UnsupportedOperationException(); }
        @Override public ConfigItem getConfigItem(String d, String g, Duration t, boolean n) { throw new UnsupportedOperationException(); }
        @Override public CompletableFuture<ConfigItem> getConfigAsync(String d, String g) { throw new UnsupportedOperationException(); }
        @Override public void publishConfig(String d, String g, String c, String t, String m) { throw new UnsupportedOperationException(); }
        @Override public CompletableFuture<Void> publishConfigAsync(String d, String g, String c, String t, String m) { throw new UnsupportedOperationException(); }
        @Override public void removeConfig(String d, String g) { throw new UnsupportedOperationException(); }
        @Override public CompletableFuture<Void> removeConfigAsync(String d, String g) { throw new UnsupportedOperationException(); }
    }

    static Map<String, Object> props(long id, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("service.id", id);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    final RecordingService service = new RecordingService();
    final CapturingLogger log = new CapturingLogger();
    final ConfigListenerWhiteboard board = new ConfigListenerWhiteboard(service, "c1", log);

    @Test
    void bindAndUnbindAreExactPerServiceId() {
        ConfigListener shared = e -> { };
        board.bind(shared, props(1, "nacos.data.id", "a"));
        board.bind(shared, props(2, "nacos.data.id", "a", "nacos.group", "G"));
        board.bind(shared, props(2, "nacos.data.id", "a", "nacos.group", "G")); // a repeated bind is ignored
        assertEquals(2, board.size());
        board.unbind(shared, props(2, "nacos.data.id", "ignored-on-unbind"));
        board.unbind(shared, props(2));
        assertEquals(List.of("add a/DEFAULT_GROUP", "add a/G", "remove a/G one"), service.calls);
        assertEquals(1, board.size());
    }

    @Test
    void updatedMovesTheListener() {
        ConfigListener l = e -> { };
        board.bind(l, props(7, "nacos.data.id", "a"));
        board.updated(l, props(7, "nacos.data.id", "a")); // unchanged: nothing
        board.updated(l, props(7, "nacos.data.id", "b", "nacos.group", "G"));
        assertEquals(List.of("add a/DEFAULT_GROUP", "remove a/DEFAULT_GROUP one", "add b/G"), service.calls);
    }

    @Test
    void badPropertiesAreLoggedOnceAndSkipped() {
        ConfigListener l = e -> { };
        board.bind(l, props(3));
        board.updated(l, props(3, "nacos.group", "G"));
        board.bind(l, props(4, "nacos.data.id", "a/../b"));
        board.bind(l, props(5, "nacos.data.id", 42));
        assertEquals(List.of(), service.calls);
        assertEquals(1, log.count("WARNING", "service 3"), log.records.toString());
        assertEquals(1, log.count("WARNING", "service 4"), log.records.toString());
        assertEquals(1, log.count("WARNING", "service 5"), log.records.toString());
        // fixed by an update: watched now
        board.updated(l, props(3, "nacos.data.id", "ok"));
        assertEquals(List.of("add ok/DEFAULT_GROUP"), service.calls);
    }

    @Test
    void listenersForAnotherClientAreLeftAlone() {
        ConfigListener l = e -> { };
        board.bind(l, props(1, "nacos.data.id", "a", "nacos.client", "c2"));
        board.bind(l, props(2, "nacos.data.id", "a", "nacos.client", "c1"));
        assertEquals(List.of("add a/DEFAULT_GROUP"), service.calls);
        assertEquals(0, log.count("WARNING", ""), log.records.toString());
    }

    @Test
    void closeRemovesEverythingAndIgnoresLaterBinds() {
        ConfigListener l = e -> { };
        board.bind(l, props(1, "nacos.data.id", "a"));
        board.bind(l, props(2, "nacos.data.id", "b"));
        board.close();
        board.bind(l, props(3, "nacos.data.id", "c"));
        assertEquals(0, board.size());
        assertEquals(4, service.calls.size(), service.calls.toString());
        assertEquals(2, service.calls.stream().filter(c -> c.startsWith("remove")).count());
    }
}
