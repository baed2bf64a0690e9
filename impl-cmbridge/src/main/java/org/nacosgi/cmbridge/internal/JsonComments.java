package org.nacosgi.cmbridge.internal;

/**
 * Blanks the comments the OSGi Configurator's JSON allows ({@code // line} and {@code /* block *}{@code /}) so a
 * strict JSON parser reads the rest. Comments become spaces and newlines stay, so the parser's line and column
 * still point into the original text.
 */
final class JsonComments {
    private JsonComments() {
    }

    static String blank(String json) throws BadContentException {
        StringBuilder out = new StringBuilder(json);
        boolean inString = false;
        long line = 1;
        int i = 0;
        while (i < out.length()) {
            char c = out.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (inString) {
                if (c == '\\') {
                    i += 2; // an escape never ends the string
                    continue;
                }
                if (c == '"' || c == '\n') {
                    inString = false; // a newline in a string is the parser's error to report
                }
                i++;
                continue;
            }
            if (c == '"') {
                inString = true;
                i++;
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '/') {
                while (i < out.length() && out.charAt(i) != '\n' && out.charAt(i) != '\r') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '*') {
                long startLine = line;
                int end = out.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new BadContentException(startLine, 0, "comment /* is never closed");
                }
                for (int k = i; k < end + 2; k++) {
                    char b = out.charAt(k);
                    if (b == '\n') {
                        line++;
                    } else if (b != '\r') {
                        out.setCharAt(k, ' ');
                    }
                }
                i = end + 2;
            } else {
                i++;
            }
        }
        return out.toString();
    }
}
