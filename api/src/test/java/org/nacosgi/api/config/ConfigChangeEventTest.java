package org.nacosgi.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfigChangeEventTest {
    @Test
    void deletedEventCarriesNoContent() {
        ConfigChangeEvent e = new ConfigChangeEvent(ConfigChangeEvent.Type.DELETED, "d", "g", "", "ignored", null,
                null, "old");
        assertFalse(e.content().isPresent());
        assertEquals("", e.md5());
        assertEquals("old", e.previousContent().orElseThrow());
    }

    @Test
    void changedEventNeedsContent() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConfigChangeEvent(ConfigChangeEvent.Type.CHANGED, "d", "g", "", null, "", null, null));
    }

    @Test
    void itemTypeDefaultsToText() {
        assertEquals("text", new ConfigItem("d", "g", "", "c", "md5", null, ConfigItem.Source.SERVER).type());
    }
}
