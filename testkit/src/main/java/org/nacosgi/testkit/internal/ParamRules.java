package org.nacosgi.testkit.internal;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Nacos' parameter-check filter (DefaultParamChecker): runs before the controller and answers a CRLF-terminated text
 * 400. Each method returns the message, or null when the value passes (null and empty values are not checked).
 */
final class ParamRules {
    private static final Pattern CONFIG_NAME = Pattern.compile("^[a-zA-Z0-9-_:.]*$");
    private static final Pattern NAMESPACE = Pattern.compile("^[\\w-]+$");
    private static final Pattern CLUSTER = Pattern.compile("^[0-9a-zA-Z-_]+$");

    private ParamRules() {
    }

    static String dataId(String v) {
        return configName("dataId", v, 256);
    }

    static String group(String v) {
        return configName("group", v, 128);
    }

    static String namespace(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > 64) {
            return "Param 'namespaceId/tenant' is illegal, the param length should not exceed 64.";
        }
        return NAMESPACE.matcher(v).matches() ? null
                : "Param 'namespaceId/tenant' is illegal, illegal characters should not appear in the param.";
    }

    private static String configName(String name, String v, int max) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > max) {
            return "Param '" + name + "' is illegal, the param length should not exceed " + max + ".";
        }
        return CONFIG_NAME.matcher(v).matches() ? null
                : "Param '" + name + "' is illegal, illegal characters should not appear in the param.";
    }

    /** A service name (possibly {@code group@@name}, split first as the filter's extractor does). */
    static String serviceName(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        String name = v.contains("@@") ? v.substring(v.indexOf("@@") + 2) : v;
        String group = v.contains("@@") ? v.substring(0, v.indexOf("@@")) : null;
        if (v.length() > 512) {
            return "Param 'serviceName' is illegal, the param length should not exceed 512.";
        }
        if (!validServicePart(name)) {
            return "Param 'serviceName' is illegal, illegal characters should not appear in the param.";
        }
        if (group != null) {
            return namingGroup(group);
        }
        return null;
    }

    static String namingGroup(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() > 128) {
            return "Param 'group' is illegal, the param length should not exceed 128.";
        }
        return validServicePart(v) ? null
                : "Param 'group' is illegal, illegal characters should not appear in the param.";
    }

    private static boolean validServicePart(String s) {
        if (s.isEmpty() || s.startsWith("@") || s.contains("@@")) {
            return s.isEmpty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || (c >= '\u4E00' && c <= '\u9FA5')) {
                return false;
            }
        }
        return true;
    }

    /** One cluster name or a comma-separated list. */
    static String clusters(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        for (String c : v.split(",")) {
            if (c.length() > 64) {
                return "Param 'cluster' is illegal, the param length should not exceed 64.";
            }
            if (!CLUSTER.matcher(c).matches()) {
                return "Param 'cluster' is illegal, illegal characters should not appear in the param.";
            }
        }
        return null;
    }

    static String port(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            int p = Integer.parseInt(v.trim());
            if (p >= 0 && p <= 65535) {
                return null;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        return "Param 'port' is illegal, the value should be between 0 and 65535.";
    }

    /** Metadata length is the sum of key and value lengths, limit 1024. */
    static String metadata(Map<String, String> m) {
        int total = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            total += e.getKey() == null ? 0 : e.getKey().length();
            total += e.getValue() == null ? 0 : e.getValue().length();
        }
        return total > 1024 ? "Param 'Metadata' is illegal, the param length should not exceed 1024." : null;
    }
}
