package org.nacosgi.config.internal;

import java.nio.charset.StandardCharsets;

/** The length of a value once {@code application/x-www-form-urlencoded} in UTF-8, without building it. */
final class FormSize {
    private FormSize() {
    }

    static long encodedLength(String value) {
        long n = 0;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '*' || c == '_' || c == ' ';
            n += plain ? 1 : 3;
        }
        return n;
    }
}
