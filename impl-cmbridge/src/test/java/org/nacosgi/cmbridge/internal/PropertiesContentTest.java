package org.nacosgi.cmbridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesContentTest {

    @Test
    void everyValueIsAStringWithPropertiesSyntax() throws Exception {
        Map<String, Object> p = PropertiesContent.parse("a=1\nb = two words\n# comment\n! also a comment\nc:3\nd true");
        assertEquals(Map.of("a", "1", "b", "two words", "c", "3", "d", "true"), p);
    }

    @Test
    void continuationLinesAndEscapesAsJavaUtilProperties() throws Exception {
        Map<String, Object> p = PropertiesContent.parse("list=a,\\\n    b\r\nname=caf\\u00e9\nkey\\ with\\ space=x");
        assertEquals(Map.of("list", "a,b", "name", "café", "key with space", "x"), p);
    }

    @Test
    void commentEndingInBackslashDoesNotContinue() throws Exception {
        assertEquals(Map.of("a", "1"), PropertiesContent.parse("# note \\\na=1"));
    }

    @Test
    void repeatedKeyLastOneCounts() throws Exception {
        assertEquals(Map.of("a", "2"), PropertiesContent.parse("a=1\na=2"));
    }

    @Test
    void emptyContentIsNoProperties() throws Exception {
        assertEquals(Map.of(), PropertiesContent.parse("\n# only a comment\n"));
    }

    @Test
    void malformedUnicodeEscapeNamesItsLine() {
        BadContentException e = assertThrows(BadContentException.class,
                () -> PropertiesContent.parse("a=1\nb=2\nc=\\u12g4"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
        assertTrue(e.getMessage().contains("\\uxxxx"), e.getMessage());
    }

    @Test
    void malformedEscapeOnAContinuedLineNamesThatLine() {
        BadContentException e = assertThrows(BadContentException.class,
                () -> PropertiesContent.parse("a=1\nb=x,\\\n  \\uzz"));
        assertEquals(3, e.line());
    }

    @Test
    void escapedBackslashBeforeUIsNoEscape() throws Exception {
        assertEquals(Map.of("path", "c:\\users"), PropertiesContent.parse("path=c:\\\\users"));
    }

    @Test
    void keysConfigAdminSetsAreRefused() {
        BadContentException e = assertThrows(BadContentException.class,
                () -> PropertiesContent.parse("a=1\nservice.pid=other"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("service.pid"), e.getMessage());
        assertThrows(BadContentException.class, () -> PropertiesContent.parse("Service.FactoryPid=x"));
    }

    @Test
    void theBridgeMarkerIsRefused() {
        BadContentException e = assertThrows(BadContentException.class,
                () -> PropertiesContent.parse(ConfigurationSync.SOURCE_PROPERTY + "=forged"));
        assertTrue(e.getMessage().contains("set by the bridge"), e.getMessage());
    }

    @Test
    void keysEqualButForCaseAreRefused() {
        BadContentException e = assertThrows(BadContentException.class,
                () -> PropertiesContent.parse("Port=1\n\nport=2"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("Port (line 1)"), e.getMessage());
    }
}
