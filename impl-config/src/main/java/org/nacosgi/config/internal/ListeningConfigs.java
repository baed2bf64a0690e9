package org.nacosgi.config.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The long-poll listener's text formats (protocol doc section 5, captures listener-v1.json): the request field
 * {@code Listening-Configs} = per key {@code dataId ^B group ^B md5 [^B tenant] ^A}, and the answer, the URL-encoded
 * changed keys {@code dataId ^B group [^B tenant] ^A ...} followed by a newline (empty when nothing changed).
 */
final class ListeningConfigs {
    static final char FIELD = '\u0002';
    static final char LINE = '\u0001';

    private ListeningConfigs() {
    }

    static void append(StringBuilder b, ConfigKey key, String md5) {
        b.append(key.dataId()).append(FIELD).append(key.group()).append(FIELD).append(md5);
        String tenant = key.tenantParam();
        if (tenant != null) {
            b.append(FIELD).append(tenant);
        }
        b.append(LINE);
    }

    /** The changed keys of an answer as "dataId^Bgroup" (the tenant, if echoed, dropped: one client, one namespace). */
    static List<String> parseChanged(String body) {
        String text = body.strip();
        List<String> keys = new ArrayList<>();
        if (text.isEmpty()) {
            return keys;
        }
        String decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
        int start = 0;
        while (start < decoded.length()) {
            int end = decoded.indexOf(LINE, start);
            if (end < 0) {
                end = decoded.length();
            }
            String line = decoded.substring(start, end);
            start = end + 1;
            int first = line.indexOf(FIELD);
            if (first <= 0) {
                continue;
            }
            int second = line.indexOf(FIELD, first + 1);
            String group = second < 0 ? line.substring(first + 1) : line.substring(first + 1, second);
            keys.add(line.substring(0, first) + FIELD + group);
        }
        return keys;
    }
}
