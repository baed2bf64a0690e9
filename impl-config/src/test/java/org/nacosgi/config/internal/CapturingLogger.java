package org.nacosgi.config.internal;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A System.Logger that keeps its records (level + message) for assertions. */
final class CapturingLogger implements System.Logger {
    final List<String> records = new CopyOnWriteArrayList<>();

    @Override public String getName() { return "test"; }
    @Override public boolean isLoggable(Level level) { return true; }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        records.add(level + " " + msg + (thrown == null ? "" : " " + thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        records.add(level + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }

    long count(String level, String fragment) {
        return records.stream().filter(r -> r.startsWith(level) && r.contains(fragment)).count();
    }
}
