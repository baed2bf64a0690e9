package org.nacosgi.cmbridge.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Java properties content as configuration properties, every value a String, with exactly
 * {@link Properties#load(java.io.Reader)}'s syntax. Each logical line is loaded on its own so an error names its
 * line.
 */
final class PropertiesContent {
    /** A backslash-u escape without four hex digits, not itself escaped. */
    private static final Pattern BAD_UNICODE_ESCAPE =
            Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u(?![0-9a-fA-F]{4})");

    private PropertiesContent() {
    }

    static Map<String, Object> parse(String content) throws BadContentException {
        PropertyCollector out = new PropertyCollector();
        String[] lines = content.split("\r\n|\r|\n", -1);
        int i = 0;
        while (i < lines.length) {
            int first = i;
            String line = lines[i++];
            String body = skipBlanks(line);
            if (body.isEmpty() || body.charAt(0) == '#' || body.charAt(0) == '!') {
                continue; // comments do not continue on the next line
            }
            StringBuilder logical = new StringBuilder(line);
            String current = line;
            while (endsInContinuation(current) && i < lines.length) {
                current = lines[i++];
                logical.append('\n').append(current);
            }
            Properties p = new Properties();
            try {
                p.load(new StringReader(logical.toString()));
            } catch (IllegalArgumentException e) {
                throw new BadContentException(lineOfBadEscape(lines, first, i), 0, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            }
            for (String key : p.stringPropertyNames()) {
                out.put(key, p.getProperty(key), first + 1L, 0);
            }
        }
        return out.properties();
    }

    /** The whitespace {@link Properties} skips at the start of a line. */
    private static String skipBlanks(String line) {
        int s = 0;
        while (s < line.length() && (line.charAt(s) == ' ' || line.charAt(s) == '\t' || line.charAt(s) == '\f')) {
            s++;
        }
        return line.substring(s);
    }

    private static boolean endsInContinuation(String line) {
        int backslashes = 0;
        for (int k = line.length() - 1; k >= 0 && line.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static long lineOfBadEscape(String[] lines, int from, int to) {
        for (int k = from; k < to; k++) {
            if (BAD_UNICODE_ESCAPE.matcher(lines[k]).find()) {
                return k + 1L;
            }
        }
        return from + 1L;
    }
}
