package org.nacosgi.cmbridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigAdminBridgeTest {
    private static final String G = "DEFAULT_GROUP";
    private static final String WEB = "com.acme.web";
    private static final String WEB_ITEM = "com.acme.web.properties";
    private static final String WEB_SOURCE = "dev/DEFAULT_GROUP/com.acme.web.properties";

    private final FakeConfigService nacos = new FakeConfigService("dev");
    private final FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
    private final RecordingLogger log = new RecordingLogger();
    private ConfigAdminBridge bridge;

    private ConfigAdminBridge start(Map<String, ?> settings) {
        bridge = new ConfigAdminBridge(nacos, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(settings));
        return bridge;
    }

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
            assertEquals(0, nacos.watcherCount(), "close removes every watcher");
        }
    }

    @Test
    void publishedItemBecomesConfigurationWithMarker() {
        nacos.put(WEB_ITEM, "port=8080\nhost=example.org");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        assertEquals(Map.of("port", "8080", "host", "example.org", "nacosgi.bridge.source", WEB_SOURCE,
                "service.pid", WEB), cm.get(WEB));
        assertEquals(1, cm.updates(WEB), "the watcher's first call repeats the read and is skipped");
        assertEquals(1, nacos.watcherCount(WEB_ITEM, G));
    }

    @Test
    void itemPublishedLaterIsCreatedThenChangesApplyAndSameValuesDoNot() {
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        assertFalse(cm.has(WEB));
        nacos.put(WEB_ITEM, "port=8080");
        assertEquals("8080", cm.get(WEB).get("port"));
        nacos.put(WEB_ITEM, "port=9090");
        assertEquals("9090", cm.get(WEB).get("port"));
        assertEquals(2, cm.updates(WEB));
        nacos.put(WEB_ITEM, "# the same values, written differently\nport = 9090\n");
        assertEquals(2, cm.updates(WEB), "unchanged values are not re-applied");
        assertEquals(1, log.find(Level.DEBUG, "configuration com.acme.web unchanged").size());
    }

    @Test
    void removedItemDeletesItsConfiguration() {
        nacos.put(WEB_ITEM, "port=8080");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        nacos.delete(WEB_ITEM, G);
        assertFalse(cm.has(WEB));
        assertEquals(1, log.find(Level.INFO, "does not exist", "com.acme.web deleted").size(), log.toString());
        nacos.put(WEB_ITEM, "port=1");
        assertEquals("1", cm.get(WEB).get("port"), "published again after deletion");
    }

    @Test
    void factoryItemsBecomeFactoryConfigurations() {
        nacos.put("com.acme.pool-a.properties", "size=1");
        nacos.put("com.acme.pool-b.json", "{\"size:Integer\": 2}");
        start(Map.of("dataIds", List.of("com.acme.pool-a.properties", "com.acme.pool-b.json"), "index", ""));
        assertEquals("com.acme.pool", cm.get("com.acme.pool~a").get("service.factoryPid"));
        assertEquals("1", cm.get("com.acme.pool~a").get("size"));
        assertEquals("com.acme.pool", cm.get("com.acme.pool~b").get("service.factoryPid"));
        assertEquals(2, cm.get("com.acme.pool~b").get("size"));
    }

    @Test
    void jsonItemGivesTypedValues() {
        nacos.put("com.acme.web.json", "{\"port:Integer\": 8080, \"hosts\": [\"a\", \"b\"], \"tls\": true, \"ratio\": 0.5}");
        start(Map.of("dataIds", "com.acme.web.json", "index", ""));
        Map<String, Object> p = cm.get(WEB);
        assertEquals(8080, p.get("port"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) p.get("hosts"));
        assertEquals(Boolean.TRUE, p.get("tls"));
        assertEquals(0.5d, p.get("ratio"));
        nacos.put("com.acme.web.json", "{\n  \"ratio\": 0.5,\n  \"tls\": true,\n  \"hosts\": [\"a\", \"b\"],\n"
                + "  \"port:int\": 8080\n}");
        assertEquals(1, cm.updates(WEB), "equal arrays and reordered keys are no change");
    }

    @Test
    void mappingChoosesTheTargetAndTheItemTypeTheFormat() {
        nacos.put("db-settings", G, "{\"poolSize:Integer\": 4}", "json");
        nacos.put("legacy", G, "a=1", "text");
        start(Map.of("mappings", List.of("db-settings=com.acme.db", "legacy=com.acme.legacy"), "index", ""));
        assertEquals(4, cm.get("com.acme.db").get("poolSize"));
        assertEquals("dev/DEFAULT_GROUP/db-settings", cm.get("com.acme.db").get("nacosgi.bridge.source"));
        assertFalse(cm.has("com.acme.legacy"));
        assertEquals(1, log.find(Level.WARNING, "dev/DEFAULT_GROUP/legacy", "cannot tell its format").size());
    }

    @Test
    void dataIdWithoutRuleOrMappingIsNotBridged() {
        start(Map.of("dataIds", "app.yaml", "index", ""));
        assertEquals(Map.of(), bridge.bridged());
        assertEquals(1, log.find(Level.WARNING, "dev/DEFAULT_GROUP/app.yaml is not bridged").size());
    }

    @Test
    void twoItemsForOneConfigurationTheFirstWins() {
        nacos.put(WEB_ITEM, "from=rule");
        nacos.put("web", G, "from=mapping", "properties");
        start(Map.of("mappings", "web=com.acme.web", "dataIds", WEB_ITEM, "index", ""));
        assertEquals("mapping", cm.get(WEB).get("from"));
        assertEquals(Map.of("web", ConfigurationId.singleton(WEB)), bridge.bridged());
        assertEquals(1, log.find(Level.WARNING, "already bridged from data id web").size());
    }

    @Test
    void foreignConfigurationIsNeverOverwrittenNorDeleted() {
        cm.putForeign(WEB, Map.of("port", "1"));
        nacos.put(WEB_ITEM, "port=8080");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        assertEquals("1", cm.get(WEB).get("port"));
        assertEquals(1, log.find(Level.WARNING, "configuration com.acme.web already exists", "no nacosgi.bridge.source")
                .size(), log.toString());
        nacos.delete(WEB_ITEM, G);
        assertEquals("1", cm.get(WEB).get("port"));
        assertEquals(1, log.find(Level.INFO, "com.acme.web kept").size());
        assertEquals(List.of(), cm.operations());
    }

    @Test
    void configurationOfAnotherNamespaceIsForeign() {
        FakeConfigService prod = new FakeConfigService("prod");
        nacos.put(WEB_ITEM, "env=dev");
        prod.put(WEB_ITEM, "env=prod");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        ConfigAdminBridge other = new ConfigAdminBridge(prod, "prod", cm, JsonProvider::provider, log);
        other.start(BridgeSettings.fromMap(Map.of("dataIds", WEB_ITEM, "index", "")));
        try {
            assertEquals("dev", cm.get(WEB).get("env"));
            assertEquals(1, log.find(Level.WARNING, "com.acme.web already exists", "prod/DEFAULT_GROUP/" + WEB_ITEM,
                    "it came from " + WEB_SOURCE).size(), log.toString());
        } finally {
            other.close();
        }
    }

    @Test
    void badContentKeepsTheLastGoodConfigurationAndTheNextGoodApplies() {
        nacos.put("com.acme.web.json", "{\"port:Integer\": 8080}");
        start(Map.of("dataIds", "com.acme.web.json", "index", ""));
        nacos.put("com.acme.web.json", "{\n  \"port:Integer\": 8081,\n  \"host\": \n}");
        assertEquals(8080, cm.get(WEB).get("port"));
        List<String> warning = log.find(Level.WARNING, "item dev/DEFAULT_GROUP/com.acme.web.json", "line 4",
                "left as it was");
        assertEquals(1, warning.size(), log.toString());
        nacos.put("com.acme.web.json", "{\n  \"port:Integer\": \"eighty\"\n}");
        assertEquals(8080, cm.get(WEB).get("port"));
        assertEquals(1, log.find(Level.WARNING, "line 2", "key port:Integer: expected an Integer").size(), log.toString());
        assertEquals(List.of(), log.find(Level.WARNING, "eighty"), "the value is not logged");
        nacos.put("com.acme.web.json", "{\"port:Integer\": 8082}");
        assertEquals(8082, cm.get(WEB).get("port"));
    }

    @Test
    void badPropertiesContentNamesTheLine() {
        nacos.put(WEB_ITEM, "a=1");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        nacos.put(WEB_ITEM, "a=2\nb=\\uXYZ1");
        assertEquals("1", cm.get(WEB).get("a"));
        assertEquals(1, log.find(Level.WARNING, WEB_SOURCE, "line 2: Malformed").size(), log.toString());
    }

    @Test
    void startWithoutServerAppliesSnapshots() {
        nacos.snapshot(WEB_ITEM, G, "port=7070", null);
        nacos.down(true);
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        assertEquals("7070", cm.get(WEB).get("port"));
        assertEquals(1, log.find(Level.INFO, "com.acme.web created", "from snapshot").size(), log.toString());
    }

    @Test
    void startWithoutServerOrSnapshotDeletesNothing() {
        nacos.put(WEB_ITEM, "port=1");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        bridge.close();
        FakeConfigService down = new FakeConfigService("dev");
        down.down(true);
        bridge = new ConfigAdminBridge(down, "dev", cm, JsonProvider::provider, log);
        bridge.start(BridgeSettings.fromMap(Map.of("dataIds", WEB_ITEM)));
        assertEquals("1", cm.get(WEB).get("port"));
        assertEquals(1, log.find(Level.WARNING, WEB_SOURCE, "cannot be read and has no snapshot").size());
        assertEquals(1, log.find(Level.WARNING, "index item dev/DEFAULT_GROUP/osgi.bridge.index cannot be read")
                .size());
        assertEquals(List.of("update " + WEB), cm.operations());
        bridge.close();
        assertEquals(0, down.watcherCount());
        bridge = null;
    }

    @Test
    void itemDeletedWhileTheBridgeWasStoppedIsDeletedAtStart() {
        nacos.put(WEB_ITEM, "port=1");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        bridge.close();
        nacos.delete(WEB_ITEM, G);
        assertTrue(cm.has(WEB), "close deletes nothing");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        assertFalse(cm.has(WEB));
    }

    @Test
    void closeStopsWatchingAndKeepsConfigurations() {
        nacos.put(WEB_ITEM, "port=1");
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        bridge.close();
        bridge.close();
        assertEquals(0, nacos.watcherCount());
        nacos.put(WEB_ITEM, "port=2");
        assertEquals("1", cm.get(WEB).get("port"));
        assertThrows(IllegalStateException.class, () -> bridge.start(BridgeSettings.fromMap(Map.of())));
    }

    @Test
    void indexListsTheItemsOfTheGroup() {
        nacos.put("osgi.bridge.index", "OSGI", "# items\ncom.acme.web.properties\ndb = com.acme.db\n", "text");
        nacos.put(WEB_ITEM, "OSGI", "port=1", null);
        nacos.put("db", "OSGI", "url=jdbc:x", "properties");
        nacos.put("com.acme.other.properties", "OSGI", "x=1", null);
        start(Map.of("group", "OSGI"));
        assertEquals(Map.of(WEB_ITEM, ConfigurationId.singleton(WEB), "db", ConfigurationId.singleton("com.acme.db")),
                bridge.bridged());
        assertEquals("dev/OSGI/db", cm.get("com.acme.db").get("nacosgi.bridge.source"));
        assertFalse(cm.has("com.acme.other"), "only listed items are bridged");

        nacos.put("osgi.bridge.index", "OSGI", "com.acme.web.properties\ncom.acme.other.properties", "text");
        assertFalse(cm.has("com.acme.db"), "an item dropped from the index loses its configuration");
        assertEquals(0, nacos.watcherCount("db", "OSGI"));
        assertEquals("1", cm.get("com.acme.other").get("x"));
        assertEquals(1, cm.updates(WEB), "an item still listed is not touched");
    }

    @Test
    void badIndexKeepsTheLastGoodList() {
        nacos.put("osgi.bridge.index", G, "com.acme.web.properties", null);
        nacos.put(WEB_ITEM, "port=1");
        start(Map.of());
        nacos.put("osgi.bridge.index", G, "com.acme.web.properties\n\nnot a data id", null);
        assertTrue(cm.has(WEB));
        assertEquals(1, log.find(Level.WARNING, "index item dev/DEFAULT_GROUP/osgi.bridge.index", "line 3",
                "keeps the last good index").size(), log.toString());
    }

    @Test
    void deletedIndexReleasesItsItems() {
        nacos.put("osgi.bridge.index", G, "com.acme.web.properties", null);
        nacos.put(WEB_ITEM, "port=1");
        start(Map.of());
        nacos.delete("osgi.bridge.index", G);
        assertFalse(cm.has(WEB));
        assertEquals(Map.of(), bridge.bridged());
    }

    @Test
    void indexFromSnapshotWhenServerIsDown() {
        nacos.snapshot("osgi.bridge.index", G, "com.acme.web.properties", null);
        nacos.snapshot(WEB_ITEM, G, "port=3", null);
        nacos.down(true);
        start(Map.of());
        assertEquals("3", cm.get(WEB).get("port"));
    }

    @Test
    void newSettingsReleaseDroppedItemsAndKeepTheOthers() {
        nacos.put(WEB_ITEM, "port=1");
        nacos.put("com.acme.db.properties", "url=x");
        nacos.put("com.acme.cache.properties", "size=5");
        start(Map.of("dataIds", List.of(WEB_ITEM, "com.acme.db.properties"), "index", ""));
        bridge.update(BridgeSettings.fromMap(Map.of("dataIds", List.of(WEB_ITEM, "com.acme.cache.properties"),
                "index", "")));
        assertFalse(cm.has("com.acme.db"));
        assertEquals("5", cm.get("com.acme.cache").get("size"));
        assertEquals(1, cm.updates(WEB));
        assertEquals(0, nacos.watcherCount("com.acme.db.properties", G));

        bridge.update(BridgeSettings.fromMap(Map.of("dataIds", List.of(WEB_ITEM), "mappings", WEB_ITEM + "=com.acme.site",
                "index", "")));
        assertFalse(cm.has(WEB), "a new target releases the old configuration");
        assertEquals("1", cm.get("com.acme.site").get("port"));
    }

    @Test
    void newGroupMovesEveryItem() {
        nacos.put(WEB_ITEM, "g=default");
        nacos.put(WEB_ITEM, "OSGI", "g=osgi", null);
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        bridge.update(BridgeSettings.fromMap(Map.of("dataIds", WEB_ITEM, "index", "", "group", "OSGI")));
        assertEquals("osgi", cm.get(WEB).get("g"));
        assertEquals("dev/OSGI/" + WEB_ITEM, cm.get(WEB).get("nacosgi.bridge.source"));
        assertEquals(0, nacos.watcherCount(WEB_ITEM, G));
    }

    @Test
    void configAdminFailureIsLoggedAndTheNextChangeApplies() {
        start(Map.of("dataIds", WEB_ITEM, "index", ""));
        cm.failNextUpdate(new UncheckedIOException(new java.io.IOException("disk full")));
        nacos.put(WEB_ITEM, "port=1");
        assertFalse(cm.has(WEB));
        assertEquals(1, log.find(Level.WARNING, "cannot write configuration com.acme.web", "disk full").size());
        nacos.put(WEB_ITEM, "port=2");
        assertEquals("2", cm.get(WEB).get("port"));
    }

    @Test
    void emptyNamespaceIsShownAsPublic() {
        FakeConfigService pub = new FakeConfigService("");
        pub.put(WEB_ITEM, "a=1");
        ConfigAdminBridge b = new ConfigAdminBridge(pub, "", cm, JsonProvider::provider, log);
        b.start(BridgeSettings.fromMap(Map.of("dataIds", WEB_ITEM, "index", "")));
        b.close();
        assertEquals("public/DEFAULT_GROUP/" + WEB_ITEM, cm.get(WEB).get("nacosgi.bridge.source"));
        assertNull(cm.get(WEB).get("service.factoryPid"));
    }
}
