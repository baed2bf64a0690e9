package org.nacosgi.itest.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures every record of every level that reaches {@link System.Logger} (the JDK's default finder maps it to
 * java.util.logging): a handler on the root logger, with the root level set to ALL while open.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger root = LogManager.getLogManager().getLogger("");
    private final Level previousLevel;
    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();

    private LogCapture() {
        previousLevel = root.getLevel();
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previousLevel);
    }

    List<LogRecord> records() {
        return new ArrayList<>(records);
    }

    /** Records of nacosgi's own loggers (named after org.nacosgi classes). */
    List<LogRecord> clientRecords() {
        return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("org.nacosgi"))
                .collect(Collectors.toList());
    }

    /** Message (formatted), logger, level and any stack trace with its messages, as one text per record. */
    static String text(LogRecord r) {
        StringBuilder b = new StringBuilder().append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ");
        String msg = r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0 && msg != null) {
            try {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            } catch (IllegalArgumentException e) {
                msg = msg + " " + java.util.Arrays.toString(r.getParameters());
            }
        }
        b.append(msg);
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            b.append('\n').append(w);
        }
        return b.toString();
    }

    List<String> texts() {
        return records.stream().map(LogCapture::text).collect(Collectors.toList());
    }

    long count(Level level, String containing) {
        return records.stream().filter(r -> r.getLevel().equals(level) && text(r).contains(containing)).count();
    }
}
