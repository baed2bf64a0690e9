package org.nacosgi.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** java.net.URLEncoder/URLDecoder semantics with the JDK 17 error messages Nacos echoes back. */
final class UrlCodec {
    private UrlCodec() {
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Decodes like URLDecoder.decode(s, UTF-8): '+' is a space; a bad escape throws with the JDK 17 message. */
    static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                bytes.reset();
                while (i < s.length() && s.charAt(i) == '%') {
                    if (i + 2 >= s.length() + 0 && i + 3 > s.length()) {
                        throw new IllegalArgumentException("URLDecoder: Incomplete trailing escape (%) pattern");
                    }
                    String hex = s.substring(i + 1, i + 3);
                    for (int k = 0; k < 2; k++) {
                        if (Character.digit(hex.charAt(k), 16) < 0) {
                            throw new IllegalArgumentException(
                                    "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index " + k
                                            + " in: \"" + hex + "\"");
                        }
                    }
                    bytes.write(Integer.parseInt(hex, 16));
                    i += 3;
                }
                out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }
}
