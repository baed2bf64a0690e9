package org.nacosgi.cmbridge.internal;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/** A System.Logger that keeps what was logged, so tests can check the warnings name what they should. */
final class RecordingLogger implements System.Logger {
    private final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg);
    }

    @Override
    public synchronized void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }

    synchronized List<String> at(Level level) {
        return lines.stream().filter(l -> l.startsWith(level + " ")).collect(Collectors.toList());
    }

    /** The lines at {@code level} holding every fragment. */
    synchronized List<String> find(Level level, String... fragments) {
        return at(level).stream().filter(l -> Arrays.stream(fragments).allMatch(l::contains))
                .collect(Collectors.toList());
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}
