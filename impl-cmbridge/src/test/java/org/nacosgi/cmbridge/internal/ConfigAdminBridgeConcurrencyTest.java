package org.nacosgi.cmbridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callbacks on another thread, reads that complete late: the bridge's ordering and its watcher ledger. */
class ConfigAdminBridgeConcurrencyTest {
    private static final double TIME_FACTOR = Double.parseDouble(System.getProperty("nacosgi.test.timeFactor", "1"));

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-callbacks"));
    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
    private final RecordingLogger log = new RecordingLogger();

    @AfterEach
    void stop() throws InterruptedException {
        callbacks.shutdownNow();
        assertTrue(callbacks.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).multipliedBy((long) Math.ceil(TIME_FACTOR)).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within the deadline: " + what);
            }
            LockSupport.parkNanos(1_000_000L); // poll; the deadline, not a sleep, bounds the wait
        }
    }

    @Test
    void changesOnTheCallbackThreadEndWithTheLastContent() throws Exception {
        FakeConfigService nacos = new FakeConfigService("dev", callbacks);
        nacos.put("com.acme.web.properties", "n=0");
        ConfigAdminBridge bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", "com.acme.web.properties", "index", "")));
        await("the watcher is added", () -> nacos.watcherCount() == 1);
        for (int i = 1; i <= 200; i++) {
            nacos.put("com.acme.web.properties", "n=" + i);
            if (i % 20 == 0) {
                // settings changes race with the callbacks; the other item comes and goes
                bridge.update(BridgeSettings.fromMap(Map.of("dataIds", i % 40 == 0
                        ? List.of("com.acme.web.properties") : List.of("com.acme.web.properties", "other.properties"),
                        "index", "")));
            }
        }
        await("the last content is applied", () -> cm.has("com.acme.web") && "200".equals(cm.get("com.acme.web").get("n")));
        bridge.close();
        assertEquals(0, nacos.watcherCount());
        assertEquals(List.of(), log.at(Level.WARNING));
    }

    @Test
    void closedBeforeTheFirstReadCompletesLeavesNoWatcher() {
        FakeConfigService nacos = new FakeConfigService("dev");
        nacos.put("com.acme.web.properties", "n=1");
        nacos.holdReads();
        ConfigAdminBridge bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", "com.acme.web.properties")));
        bridge.close();
        nacos.releaseReads();
        assertEquals(0, nacos.watcherCount());
        assertFalse(cm.has("com.acme.web"), "a read finishing after close applies nothing");
    }

    @Test
    void itemDroppedBeforeItsFirstReadCompletesLeavesNoWatcher() {
        FakeConfigService nacos = new FakeConfigService("dev");
        nacos.put("a.properties", "n=1");
        nacos.put("b.properties", "n=2");
        nacos.holdReads();
        ConfigAdminBridge bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", "a.properties,b.properties", "index", "")));
        bridge.update(BridgeSettings.fromMap(Map.of("dataIds", "b.properties", "index", "")));
        nacos.releaseReads();
        assertEquals(0, nacos.watcherCount("a.properties", "DEFAULT_GROUP"));
        assertEquals(1, nacos.watcherCount("b.properties", "DEFAULT_GROUP"));
        assertFalse(cm.has("a"));
        assertEquals("2", cm.get("b").get("n"));
        bridge.close();
        assertEquals(0, nacos.watcherCount());
    }

    @Test
    void itemDeletedBeforeTheWatchersFirstReadIsStillDeleted() {
        FakeConfigService nacos = new FakeConfigService("dev");
        nacos.put("com.acme.web.properties", "n=1");
        nacos.lateBaselines();
        nacos.holdReads();
        ConfigAdminBridge bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", "com.acme.web.properties", "index", "")));
        nacos.releaseReads();
        assertEquals("1", cm.get("com.acme.web").get("n"));
        assertEquals(1, nacos.heldReads(), "the watcher has not called: the item is read again");

        nacos.delete("com.acme.web.properties", "DEFAULT_GROUP"); // the watcher never saw it: it says nothing
        nacos.releaseReads();
        assertFalse(cm.has("com.acme.web"), "the confirming read found it gone");
        assertEquals(0, nacos.heldReads(), "no more reads once one said not found");
        bridge.close();
    }

    @Test
    void confirmingReadsStopWhenTheWatcherCallsOrAfterALimit() {
        FakeConfigService nacos = new FakeConfigService("dev");
        nacos.put("com.acme.web.properties", "n=1");
        ConfigAdminBridge bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", "com.acme.web.properties", "index", "")));
        assertEquals(1, nacos.reads(), "the watcher called at once: no confirming read");
        bridge.close();

        FakeConfigService late = new FakeConfigService("dev");
        late.put("com.acme.web.properties", "n=2");
        late.lateBaselines();
        ConfigAdminBridge other = new ConfigAdminBridge(late, "dev", cm, JsonProvider::provider, log);
        other.start(BridgeSettings.fromMap(Map.of("dataIds", "com.acme.web.properties", "index", "")));
        assertEquals(1 + ItemWatch.CONFIRM_READS, late.reads(), "bounded while the watcher stays silent");
        late.establishBaselines();
        late.delete("com.acme.web.properties", "DEFAULT_GROUP");
        assertFalse(cm.has("com.acme.web"), "once the watcher saw it, it reports the deletion");
        other.close();
        assertEquals(0, late.watcherCount());
    }

    @Test
    void confirmingReadsNeverApplyContent() {
        FakeConfigService nacos = new FakeConfigService("dev");
        nacos.put("com.acme.web.properties", "n=1");
        nacos.lateBaselines();
        nacos.holdReads();
        ConfigAdminBridge bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", "com.acme.web.properties", "index", "")));
        nacos.releaseReads();
        nacos.putUnannounced("com.acme.web.properties", "n=2");
        nacos.releaseReads(); // the confirming read sees n=2: the watcher's to report, maybe after an older call
        assertEquals("1", cm.get("com.acme.web").get("n"));
        nacos.establishBaselines();
        assertEquals("2", cm.get("com.acme.web").get("n"));
        assertEquals(2, cm.updates("com.acme.web"));
        bridge.close();
    }
}
