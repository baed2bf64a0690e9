package org.nacosgi.cmbridge.internal;

import java.util.regex.Pattern;

/** The data id and group syntax of {@link org.nacosgi.api.config.ConfigService}, checked before any call. */
final class DataIds {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,256}");

    private DataIds() {
    }

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String rule() {
        return "letters, digits and _-.: (at most 256)";
    }
}
