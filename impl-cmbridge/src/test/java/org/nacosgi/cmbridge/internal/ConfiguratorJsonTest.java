package org.nacosgi.cmbridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguratorJsonTest {
    private final JsonProvider json = JsonProvider.provider();

    private Map<String, Object> parse(String content) throws BadContentException {
        return ConfiguratorJson.parse(content, json);
    }

    private BadContentException bad(String content) {
        return assertThrows(BadContentException.class, () -> parse(content));
    }

    @Test
    void untypedValuesFollowTheConfigurator() throws Exception {
        Map<String, Object> p = parse("{\"s\": \"x\", \"n\": 8080, \"d\": 1.5, \"b\": true, \"strings\": [\"a\", \"b\"],"
                + " \"longs\": [1, 2], \"doubles\": [1, 2.5], \"bools\": [true, false], \"obj\": {\"k\": 1},"
                + " \"empty\": []}");
        assertEquals("x", p.get("s"));
        assertEquals(8080L, p.get("n"));
        assertEquals(1.5d, p.get("d"));
        assertEquals(Boolean.TRUE, p.get("b"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) p.get("strings"));
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) p.get("longs"));
        assertArrayEquals(new Double[] {1d, 2.5d}, (Double[]) p.get("doubles"));
        assertArrayEquals(new Boolean[] {true, false}, (Boolean[]) p.get("bools"));
        assertEquals("{\"k\":1}", p.get("obj"));
        assertArrayEquals(new String[0], (String[]) p.get("empty"));
        assertEquals(List.of("s", "n", "d", "b", "strings", "longs", "doubles", "bools", "obj", "empty"),
                List.copyOf(p.keySet()), "the item's order is kept");
    }

    @Test
    void typedScalars() throws Exception {
        Map<String, Object> p = parse("{\"port:Integer\": 8080, \"p:int\": \"42\", \"f:Float\": 1.5, \"by:Byte\": 7,"
                + " \"sh:short\": -3, \"c:Character\": \"x\", \"flag:Boolean\": \"TRUE\", \"l:long\": 5,"
                + " \"s:String\": 5, \"t:String\": false, \"dd:Double\": 2}");
        assertEquals(8080, p.get("port"));
        assertEquals(42, p.get("p"));
        assertEquals(1.5f, p.get("f"));
        assertEquals((byte) 7, p.get("by"));
        assertEquals((short) -3, p.get("sh"));
        assertEquals('x', p.get("c"));
        assertEquals(Boolean.TRUE, p.get("flag"));
        assertEquals(5L, p.get("l"));
        assertEquals("5", p.get("s"));
        assertEquals("false", p.get("t"));
        assertEquals(2.0d, p.get("dd"));
    }

    @Test
    void typedArraysAndCollections() throws Exception {
        Map<String, Object> p = parse("{\"flags:boolean[]\": [true, false], \"ports:Integer[]\": [1, 2],"
                + " \"ints:int[]\": [3], \"names:String[]\": \"one\", \"ls:Collection<Long>\": [1, 2],"
                + " \"raw:Collection\": [\"a\", 1], \"cs:char[]\": [\"a\", \"b\"]}");
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) p.get("flags"));
        assertArrayEquals(new Integer[] {1, 2}, (Integer[]) p.get("ports"));
        assertArrayEquals(new int[] {3}, (int[]) p.get("ints"));
        assertArrayEquals(new String[] {"one"}, (String[]) p.get("names"), "a single value is an array of one");
        assertEquals(List.of(1L, 2L), p.get("ls"));
        assertEquals(List.of("a", 1L), p.get("raw"));
        assertArrayEquals(new char[] {'a', 'b'}, (char[]) p.get("cs"));
    }

    @Test
    void commentsAreAllowedAndPositionsStayTrue() throws Exception {
        assertEquals(Map.of("a", 1L, "b", "x // not a comment"),
                parse("// head\n{ /* block\n comment */ \"a\": 1, // tail\n \"b\": \"x // not a comment\" }"));
        BadContentException e = bad("/* one\n two */\n{\n  \"a\": 1,\n  \"port:Integer\": \"abc\"\n}");
        assertEquals(5, e.line(), e.getMessage());
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        BadContentException e = bad("{\n  \"a\": 1,\n  \"b\": ,\n}");
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.column() > 0, e.getMessage());
        assertTrue(e.getMessage().startsWith("line 3, column "), e.getMessage());
    }

    @Test
    void wrongTypesNameKeyAndLine() {
        BadContentException e = bad("{\n  \"ok\": 1,\n  \"port:Integer\": \"abc\"\n}");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("key port:Integer: expected an Integer, got a string that does not read as one"),
                e.getMessage());
        assertFalse(e.getMessage().contains("abc"), "values are never echoed: an item may hold secrets");

        assertTrue(bad("{\"port:Integer\": 1.5}").getMessage().contains("not a whole number in its range"));
        assertTrue(bad("{\"b:byte\": 300}").getMessage().contains("expected a Byte, got a number that is not"));
        assertTrue(bad("{\"c:Character\": \"ab\"}").getMessage().contains("expected a Character, got a string"));
        assertTrue(bad("{\"f:Boolean\": 1}").getMessage().contains("expected a Boolean, got a number"));
        assertTrue(bad("{\"f:int[]\": [1, \"x\"]}").getMessage().contains("expected an Integer, got a string"));
        assertTrue(bad("{\"f:Long\": [1]}").getMessage().contains("expected a Long, got an array"));
        assertTrue(bad("{\"x:Foo\": 1}").getMessage().contains("unknown type Foo"));
        assertTrue(bad("{\"x:Collection<int>\": [1]}").getMessage().contains("unknown type int"));
        assertTrue(bad("{\"x:binary\": \"file.bin\"}").getMessage().contains("not supported"));
        assertTrue(bad("{\"big\": 99999999999999999999}").getMessage().contains("too large"));
    }

    @Test
    void nullsMixedArraysAndNestedArraysAreRefused() {
        assertTrue(bad("{\"a\": null}").getMessage().contains("null is not a configuration value"));
        assertTrue(bad("{\"a:String[]\": null}").getMessage().contains("null"));
        assertTrue(bad("{\"a\": [1, \"x\"]}").getMessage().contains("mixes number and string"));
        assertTrue(bad("{\"a\": [[1]]}").getMessage().contains("array of array values"));
    }

    @Test
    void anItemIsOneConfigurationNotAConfiguratorResource() {
        BadContentException e = bad("{\":configurator:resource-version\": 1, \"my.pid\": {}}");
        assertTrue(e.getMessage().contains("not a Configurator resource"), e.getMessage());
        assertTrue(bad("[1, 2]").getMessage().contains("expected a JSON object"));
        BadContentException trailing = bad("{} {}");
        assertTrue(trailing.getMessage().contains("after the closing brace"), trailing.getMessage());
        assertTrue(bad("").getMessage().contains("empty content"));
        assertEquals(1, bad("{ /* never closed\n \"a\": 1 }").line());
    }

    @Test
    void keysEqualButForCaseAreRefused() {
        BadContentException e = bad("{\n\"Port\": 1,\n\"port:Integer\": 2\n}");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("case"), e.getMessage());
        assertTrue(bad("{\"service.pid\": \"x\"}").getMessage().contains("ConfigAdmin"));
    }
}
