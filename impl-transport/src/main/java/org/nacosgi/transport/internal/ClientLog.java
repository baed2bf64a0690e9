package org.nacosgi.transport.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.nacosgi.api.ClientOptions;
import org.nacosgi.api.InvalidArgumentException;

/**
 * Where one client's log records go besides {@link System#getLogger}: its own rotating file in
 * {@code logDir} ({@code logRotationCount} files of {@code logFileSize} bytes) and, with {@code debug}, standard
 * error. Owned and closed by the runtime; JDK handlers do the rotation.
 */
final class ClientLog implements AutoCloseable {
    private final Level threshold;
    private final boolean debug;
    private final Handler file;
    private final Handler console;

    ClientLog(ClientOptions options) {
        this.threshold = options.logLevel();
        this.debug = options.debug();
        this.file = options.logDir().map(dir -> openFile(dir, options)).orElse(null);
        if (debug) {
            ConsoleHandler c = new ConsoleHandler();
            c.setLevel(java.util.logging.Level.ALL);
            c.setFormatter(new LineFormatter());
            this.console = c;
        } else {
            this.console = null;
        }
    }

    private static Handler openFile(Path dir, ClientOptions options) {
        try {
            Files.createDirectories(dir);
            String pattern = dir.resolve("nacosgi-" + options.clientName() + ".%g.log").toString();
            int limit = (int) Math.min(options.logFileSize(), Integer.MAX_VALUE);
            FileHandler h = new FileHandler(pattern, limit, options.logRotationCount(), true);
            h.setLevel(java.util.logging.Level.ALL);
            h.setEncoding("UTF-8");
            h.setFormatter(new LineFormatter());
            return h;
        } catch (IOException | RuntimeException e) {
            throw new InvalidArgumentException(ClientOptions.LOG_DIR, "cannot open a log file in " + dir + ": " + e);
        }
    }

    /** A logger for {@code name} writing to {@link System#getLogger} and this client's file/console. */
    System.Logger logger(String name) {
        return new RuntimeLogger(name, System.getLogger(name), this);
    }

    /** Whether any destination takes {@code level}. */
    boolean accepts(Level level) {
        return atLeast(level, threshold) || (debug && atLeast(level, Level.DEBUG));
    }

    boolean forwards(Level level) {
        return atLeast(level, threshold);
    }

    void publish(String loggerName, Level level, String message, Throwable thrown) {
        if (file == null && console == null) {
            return;
        }
        LogRecord record = new LogRecord(julLevel(level), message);
        record.setLoggerName(loggerName);
        record.setThrown(thrown);
        if (file != null && atLeast(level, threshold)) {
            file.publish(record);
        }
        if (console != null && atLeast(level, Level.DEBUG)) {
            console.publish(record);
        }
    }

    static boolean atLeast(Level level, Level threshold) {
        return level != Level.OFF && threshold != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    /** By severity, not a switch (a switch on an enum costs a synthetic class in the bundle). */
    private static java.util.logging.Level julLevel(Level level) {
        int s = level.getSeverity();
        return s >= Level.ERROR.getSeverity() ? java.util.logging.Level.SEVERE
                : s >= Level.WARNING.getSeverity() ? java.util.logging.Level.WARNING
                : s >= Level.INFO.getSeverity() ? java.util.logging.Level.INFO
                : s >= Level.DEBUG.getSeverity() ? java.util.logging.Level.FINE
                : s >= Level.TRACE.getSeverity() ? java.util.logging.Level.FINER : java.util.logging.Level.ALL;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
        if (console != null) {
            console.flush(); // ConsoleHandler.close() only flushes; System.err stays open
        }
    }

    /** {@code 2024-01-01T00:00:00Z LEVEL [thread] logger: message}, one line plus any stack trace. */
    private static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(128)
                    .append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(" [").append(Thread.currentThread().getName()).append("] ")
                    .append(r.getLoggerName()).append(": ").append(r.getMessage()).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }
}
