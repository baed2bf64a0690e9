package org.nacosgi.cmbridge.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One configuration's properties as a JSON object, with the typed values of the OSGi Configurator (OSGi
 * Compendium R7/R8, chapter 150): a key {@code name:Type} converts its value to {@code Type}; without a type a
 * string stays a String, an integral number becomes a Long, another number a Double, a boolean a Boolean, an array
 * of one of these kinds an array of it (numbers: Long[] when all are integral, else Double[]; empty: String[]),
 * an object its JSON text. Comments are allowed.
 * <p>
 * Error messages name the key, the line and the column but never echo a value (an item may hold secrets).
 * Refused: a {@code null} value, an untyped array mixing kinds or holding arrays, a
 * value that does not convert to its type, an unknown type, binary types (they name bundle entries, and an item
 * is not a bundle), and {@code :configurator:} keys (an item holds one configuration, not a Configurator resource).
 */
final class ConfiguratorJson {
    private static final String CONFIGURATOR_PREFIX = ":configurator:";

    private ConfiguratorJson() {
    }

    static Map<String, Object> parse(String content, JsonProvider provider) throws BadContentException {
        String json = JsonComments.blank(content);
        if (json.isBlank()) {
            throw new BadContentException(0, 0, "empty content; expected a JSON object of properties");
        }
        PropertyCollector out = new PropertyCollector();
        try (JsonParser parser = provider.createParser(new StringReader(json))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw bad(parser.getLocation(), "expected a JSON object of configuration properties");
            }
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                String key = parser.getString();
                JsonLocation at = parser.getLocation();
                parser.next();
                JsonValue value = parser.getValue();
                if (key.startsWith(CONFIGURATOR_PREFIX)) {
                    throw bad(at, "key " + key + ": an item holds one configuration's properties, not a"
                            + " Configurator resource");
                }
                int colon = key.indexOf(':');
                String name = colon < 0 ? key : key.substring(0, colon);
                Object converted;
                try {
                    converted = colon < 0 ? untyped(value) : typed(value, key.substring(colon + 1));
                } catch (IllegalArgumentException ex) {
                    throw bad(at, "key " + key + ": " + ex.getMessage());
                }
                out.put(name, converted, at.getLineNumber(), at.getColumnNumber());
            }
            try {
                if (parser.hasNext()) {
                    parser.next();
                    throw bad(parser.getLocation(), "content after the closing brace");
                }
            } catch (JsonParsingException e) {
                throw bad(e.getLocation(), "content after the closing brace (" + e.getMessage() + ")");
            }
        } catch (JsonParsingException e) {
            throw bad(e.getLocation(), e.getMessage());
        } catch (JsonException | java.util.NoSuchElementException e) {
            throw new BadContentException(0, 0, "not JSON: " + e.getMessage());
        }
        return out.properties();
    }

    private static BadContentException bad(JsonLocation at, String reason) {
        return at == null ? new BadContentException(0, 0, reason)
                : new BadContentException(at.getLineNumber(), at.getColumnNumber(), reason);
    }

    /** The Configurator's conversion of a value without type information. */
    private static Object untyped(JsonValue value) {
        switch (value.getValueType()) {
        case STRING:
            return ((JsonString) value).getString();
        case NUMBER:
            return number((JsonNumber) value);
        case TRUE:
            return Boolean.TRUE;
        case FALSE:
            return Boolean.FALSE;
        case OBJECT:
            return value.toString();
        case ARRAY:
            return untypedArray(value.asJsonArray());
        default:
            throw new IllegalArgumentException("null is not a configuration value; leave the key out");
        }
    }

    private static Object number(JsonNumber n) {
        if (n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("a whole number too large for a Long");
            }
        }
        return n.doubleValue();
    }

    private static Object untypedArray(JsonArray array) {
        if (array.isEmpty()) {
            return new String[0];
        }
        JsonValue.ValueType kind = kind(array.get(0));
        for (JsonValue v : array) {
            if (kind(v) != kind) {
                throw new IllegalArgumentException("array mixes " + kind(array.get(0)).name().toLowerCase(Locale.ROOT)
                        + " and " + kind(v).name().toLowerCase(Locale.ROOT) + " values; give a type, e.g. key:String[]");
            }
        }
        switch (kind) {
        case STRING:
        case OBJECT:
            return array.stream().map(ConfiguratorJson::untyped).toArray(String[]::new);
        case TRUE:
            return array.stream().map(v -> v.getValueType() == JsonValue.ValueType.TRUE).toArray(Boolean[]::new);
        case NUMBER:
            boolean integral = array.stream().allMatch(v -> ((JsonNumber) v).isIntegral());
            return integral ? array.stream().map(v -> (Long) number((JsonNumber) v)).toArray(Long[]::new)
                    : array.stream().map(v -> ((JsonNumber) v).doubleValue()).toArray(Double[]::new);
        default:
            throw new IllegalArgumentException("an array of " + kind.name().toLowerCase(Locale.ROOT)
                    + " values is not a configuration value");
        }
    }

    /** TRUE and FALSE are one kind. */
    private static JsonValue.ValueType kind(JsonValue v) {
        return v.getValueType() == JsonValue.ValueType.FALSE ? JsonValue.ValueType.TRUE : v.getValueType();
    }

    private static Object typed(JsonValue value, String type) {
        String t = type.trim();
        if (t.equals("binary") || t.equals("binary[]")) {
            throw new IllegalArgumentException("type " + t + " names bundle entries; not supported in an item");
        }
        if (t.equals("Collection")) {
            List<Object> list = new ArrayList<>();
            for (JsonValue v : elements(value)) {
                list.add(untyped(v));
            }
            return Collections.unmodifiableList(list);
        }
        if (t.startsWith("Collection<") && t.endsWith(">")) {
            Scalar element = Scalar.named(t.substring("Collection<".length(), t.length() - 1), false);
            List<Object> list = new ArrayList<>();
            for (JsonValue v : elements(value)) {
                list.add(element.convert(v));
            }
            return Collections.unmodifiableList(list);
        }
        if (t.endsWith("[]")) {
            String elementName = t.substring(0, t.length() - 2);
            Scalar element = Scalar.named(elementName, true);
            List<JsonValue> items = elements(value);
            Class<?> componentType = Character.isLowerCase(elementName.charAt(0)) ? element.primitive : element.boxed;
            Object array = Array.newInstance(componentType, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, element.convert(items.get(i)));
            }
            return array;
        }
        return Scalar.named(t, true).convert(value);
    }

    /** An array's elements; a single value counts as an array of one, as the OSGi Converter does. */
    private static List<JsonValue> elements(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray();
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            throw new IllegalArgumentException("null is not a configuration value; leave the key out");
        }
        return List.of(value);
    }

    /** The scalar types of the Configurator's JSON. */
    private enum Scalar {
        STRING("String", null, String.class, String.class),
        INTEGER("Integer", "int", Integer.class, int.class),
        LONG("Long", "long", Long.class, long.class),
        FLOAT("Float", "float", Float.class, float.class),
        DOUBLE("Double", "double", Double.class, double.class),
        BYTE("Byte", "byte", Byte.class, byte.class),
        SHORT("Short", "short", Short.class, short.class),
        CHARACTER("Character", "char", Character.class, char.class),
        BOOLEAN("Boolean", "boolean", Boolean.class, boolean.class);

        final String name;
        final String primitiveName;
        final Class<?> boxed;
        final Class<?> primitive;

        Scalar(String name, String primitiveName, Class<?> boxed, Class<?> primitive) {
            this.name = name;
            this.primitiveName = primitiveName;
            this.boxed = boxed;
            this.primitive = primitive;
        }

        static Scalar named(String type, boolean primitiveAllowed) {
            for (Scalar s : values()) {
                if (s.name.equals(type) || (primitiveAllowed && type.equals(s.primitiveName))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown type " + type + "; known: String, Integer, Long, Float,"
                    + " Double, Byte, Short, Character, Boolean, their primitives (int, ...), arrays (String[],"
                    + " int[], ...) and Collection<...>");
        }

        Object convert(JsonValue v) {
            switch (v.getValueType()) {
            case STRING:
                return fromText(((JsonString) v).getString());
            case NUMBER:
                return fromNumber((JsonNumber) v);
            case TRUE:
            case FALSE:
                if (this == BOOLEAN || this == STRING) {
                    boolean b = v.getValueType() == JsonValue.ValueType.TRUE;
                    return this == BOOLEAN ? (Object) b : String.valueOf(b);
                }
                break;
            default:
                break;
            }
            throw new IllegalArgumentException("expected " + article() + ", got " + describe(v));
        }

        private Object fromText(String s) {
            try {
                switch (this) {
                case STRING:
                    return s;
                case CHARACTER:
                    if (s.length() == 1) {
                        return s.charAt(0);
                    }
                    break;
                case BOOLEAN:
                    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(s);
                    }
                    break;
                default:
                    return fromDecimal(new BigDecimal(s.trim()));
                }
            } catch (NumberFormatException e) {
                // fall through to the common message
            }
            throw new IllegalArgumentException("expected " + article() + ", got a string that does not read as one");
        }

        private Object fromNumber(JsonNumber n) {
            if (this == STRING) {
                return n.toString();
            }
            if (this == CHARACTER || this == BOOLEAN) {
                throw new IllegalArgumentException("expected " + article() + ", got a number");
            }
            return fromDecimal(n.bigDecimalValue());
        }

        private Object fromDecimal(BigDecimal d) {
            try {
                switch (this) {
                case INTEGER:
                    return d.intValueExact();
                case LONG:
                    return d.longValueExact();
                case SHORT:
                    return d.shortValueExact();
                case BYTE:
                    return d.byteValueExact();
                case FLOAT:
                    return d.floatValue();
                case DOUBLE:
                    return d.doubleValue();
                default:
                    break;
                }
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("expected " + article() + ", got a number that is not a whole number in its range");
            }
            throw new IllegalArgumentException("expected " + article() + ", got a number");
        }

        private String article() {
            return (this == INTEGER ? "an " : "a ") + name;
        }

        /** The kind of a value, never the value: an item may hold secrets. */
        private static String describe(JsonValue v) {
            switch (v.getValueType()) {
            case NULL:
                return "null";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            default:
                return "a boolean";
            }
        }
    }
}
