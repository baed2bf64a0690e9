package org.nacosgi.config.internal;

import org.nacosgi.api.InvalidArgumentException;
import org.nacosgi.api.config.ConfigService;

/**
 * The local checks of data ids, groups and namespaces, before anything is sent or any file is touched: the server's
 * rule (letters, digits, {@code _-.:}, at most 256 characters) plus what keeps a name inside a file root
 * ({@code .} and {@code ..} are refused, which the server's rule alone would let through).
 */
final class ConfigNames {
    static final int MAX_LENGTH = 256;
    /** Nacos namespace ids are at most 128 characters. */
    static final int MAX_NAMESPACE_LENGTH = 128;

    private ConfigNames() {
    }

    static String dataId(String dataId) {
        if (dataId == null || dataId.isEmpty()) {
            throw new InvalidArgumentException("dataId", "must not be null or empty");
        }
        check("dataId", dataId, MAX_LENGTH);
        return dataId;
    }

    /** Null or empty means {@value ConfigService#DEFAULT_GROUP}. */
    static String group(String group) {
        if (group == null || group.isEmpty()) {
            return ConfigService.DEFAULT_GROUP;
        }
        check("group", group, MAX_LENGTH);
        return group;
    }

    /** "" is the public namespace. */
    static String namespace(String namespace) {
        if (namespace == null) {
            throw new InvalidArgumentException("namespace", "must not be null (\"\" is the public namespace)");
        }
        if (namespace.isEmpty()) {
            return namespace;
        }
        check("namespace", namespace, MAX_NAMESPACE_LENGTH);
        return namespace;
    }

    private static void check(String argument, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidArgumentException(argument,
                    "at most " + maxLength + " characters allowed, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.' || c == ':';
            if (!ok) {
                throw new InvalidArgumentException(argument, "illegal character " + describe(c) + " at index " + i
                        + " in " + quote(value) + ": only letters, digits and _-.: are allowed");
            }
        }
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidArgumentException(argument, quote(value) + " is reserved: it would name a directory");
        }
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static String quote(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        StringBuilder b = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
