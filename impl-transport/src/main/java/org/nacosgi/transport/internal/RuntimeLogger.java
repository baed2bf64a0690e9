package org.nacosgi.transport.internal;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * A {@link System.Logger} filtered by the client's log level that forwards to the platform logger and copies
 * each record to the client's {@link ClientLog} (file, debug console). Messages use {@link MessageFormat}
 * patterns, as {@link System.Logger} does.
 */
final class RuntimeLogger implements System.Logger {
    private final String name;
    private final System.Logger platform;
    private final ClientLog sink;

    RuntimeLogger(String name, System.Logger platform, ClientLog sink) {
        this.name = name;
        this.platform = platform;
        this.sink = sink;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return sink.accepts(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (!sink.accepts(level)) {
            return;
        }
        if (sink.forwards(level) && platform.isLoggable(level)) {
            platform.log(level, bundle, msg, thrown);
        }
        sink.publish(name, level, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (!sink.accepts(level)) {
            return;
        }
        String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        if (sink.forwards(level) && platform.isLoggable(level)) {
            platform.log(level, bundle, msg, (Throwable) null);
        }
        sink.publish(name, level, msg, null);
    }
}
