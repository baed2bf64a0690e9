package org.nacosgi.cmbridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nacosgi.api.InvalidArgumentException;

class MappingAndSettingsTest {

    @Test
    void defaultRuleMapsPropertiesAndJsonDataIdsToPids() {
        assertEquals(Optional.of(ConfigurationId.singleton("com.acme.db")),
                MappingRule.defaultTarget("com.acme.db.properties"));
        assertEquals(Optional.of(ConfigurationId.singleton("com.acme.db")), MappingRule.defaultTarget("com.acme.db.json"));
        ConfigurationId factory = MappingRule.defaultTarget("com.acme.pool-main.json").orElseThrow();
        assertEquals("com.acme.pool~main", factory.pid());
        assertEquals(Optional.of("com.acme.pool"), factory.factoryPid());
        assertEquals(Optional.of("main"), factory.name());
        assertTrue(factory.isFactory());
    }

    @Test
    void defaultRuleRefusesOtherDataIds() {
        for (String d : List.of("README", "app.yaml", ".properties", "a-.json", "-b.json", "a-b~c.json")) {
            assertEquals(Optional.empty(), MappingRule.defaultTarget(d), d);
        }
    }

    @Test
    void formatByExtensionThenByType() {
        assertEquals(Optional.of(ContentFormat.JSON), ContentFormat.ofDataId("x.json"));
        assertEquals(Optional.of(ContentFormat.PROPERTIES), ContentFormat.ofDataId("x.properties"));
        assertEquals(Optional.empty(), ContentFormat.ofDataId("x.yaml"));
        assertEquals(Optional.of(ContentFormat.JSON), ContentFormat.ofType("JSON"));
        assertEquals(Optional.empty(), ContentFormat.ofType("text"));
        assertEquals(Optional.empty(), ContentFormat.ofType(null));
    }

    @Test
    void settingsDefaults() {
        BridgeSettings s = BridgeSettings.fromMap(Map.of("service.pid", "org.nacosgi.cmbridge~a"));
        assertEquals(List.of(), s.dataIds());
        assertEquals("DEFAULT_GROUP", s.group());
        assertEquals("osgi.bridge.index", s.index());
        assertEquals(Map.of(), s.mappings());
    }

    @Test
    void settingsTakeListsArraysAndCommaSeparatedText() {
        BridgeSettings s = BridgeSettings.fromMap(Map.of("dataIds", new String[] {"a.properties, b.json", " c.json "},
                "group", "OSGI", "index", "", "mappings", List.of("db=com.acme.db", "pool-a = com.acme.pool~a"),
                "client.target", "(nacos.client=prod)", "felix.fileinstall.filename", "file:/etc/x.cfg"));
        assertEquals(List.of("a.properties", "b.json", "c.json"), s.dataIds());
        assertEquals("OSGI", s.group());
        assertEquals("", s.index());
        assertEquals(Map.of("db", ConfigurationId.singleton("com.acme.db"), "pool-a",
                ConfigurationId.factory("com.acme.pool", "a")), s.mappings());
        assertEquals(s, BridgeSettings.fromMap(Map.of("dataIds", "a.properties,b.json,c.json", "group", "OSGI",
                "index", "", "mappings", "db=com.acme.db,pool-a=com.acme.pool~a")));
    }

    @Test
    void badSettingsNameTheOption() {
        assertEquals("dataId", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("dataId", "x.json"))).argument(), "a typo is refused");
        assertEquals("dataIds", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("dataIds", "bad id.json"))).argument());
        assertEquals("group", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("group", "a/b"))).argument());
        assertEquals("group", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("group", 5))).argument());
        assertEquals("mappings", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("mappings", "db"))).argument());
        assertEquals("mappings", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("mappings", "db=a b"))).argument());
        assertEquals("mappings", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("mappings", "db=a~"))).argument());
        assertEquals("mappings", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("mappings", "db=a,db=b"))).argument());
        assertEquals("index", assertThrows(InvalidArgumentException.class,
                () -> BridgeSettings.fromMap(Map.of("index", "x y"))).argument());
    }

    @Test
    void indexListsDataIdsWithOptionalTargets() throws Exception {
        Map<String, Optional<ConfigurationId>> index = IndexContent.parse(
                "# bridged items\n\ncom.acme.web.properties\n  db = com.acme.db  \ncom.acme.pool-a.json\n");
        assertEquals(List.of("com.acme.web.properties", "db", "com.acme.pool-a.json"), List.copyOf(index.keySet()));
        assertEquals(Optional.of(ConfigurationId.singleton("com.acme.db")), index.get("db"));
        assertFalse(index.get("com.acme.web.properties").isPresent());
    }

    @Test
    void badIndexNamesTheLine() {
        BadContentException e = assertThrows(BadContentException.class,
                () -> IndexContent.parse("a.json\n\nnot a data id\n"));
        assertEquals(3, e.line());
        assertEquals(2, assertThrows(BadContentException.class, () -> IndexContent.parse("a.json\na.json")).line());
        assertEquals(1, assertThrows(BadContentException.class, () -> IndexContent.parse("a=b~")).line());
    }
}
