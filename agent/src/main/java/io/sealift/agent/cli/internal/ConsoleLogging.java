package io.sealift.agent.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's java.util.logging setup: one line per record on standard error, the agent's own
 * loggers at the configured level, everything else (gRPC, Netty) at WARNING so that their debug
 * output (which can dump frames) never appears. Stack traces only in verbose mode.
 *
 * <p>Installing again replaces the previous setup. Thread-safe.
 */
public final class ConsoleLogging {
    // Strong references: java.util.logging forgets the level of loggers nobody holds.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger AGENT = Logger.getLogger("io.sealift");

    private ConsoleLogging() {
    }

    /** Sends log records to {@code err}: agent loggers at {@code level}, others at WARNING. */
    public static synchronized void install(PrintWriter err, Level level, boolean verbose) {
        for (Handler handler : ROOT.getHandlers()) {
            if (handler instanceof ConsoleHandler || handler instanceof WriterHandler) {
                ROOT.removeHandler(handler);
            }
        }
        ROOT.setLevel(Level.WARNING);
        AGENT.setLevel(verbose && level.intValue() > Level.FINE.intValue() ? Level.FINE : level);
        ROOT.addHandler(new WriterHandler(err, verbose));
    }

    /** A handler writing formatted records to a {@link PrintWriter}. */
    private static final class WriterHandler extends Handler {
        private final PrintWriter out;

        WriterHandler(PrintWriter out, boolean verbose) {
            this.out = out;
            setLevel(Level.ALL);
            setFormatter(new LineFormatter(verbose));
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                synchronized (out) {
                    out.print(getFormatter().format(record));
                    out.flush();
                }
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** Formats {@code 2026-01-01T00:00:00Z INFO message}, plus the cause's message or stack. */
    private static final class LineFormatter extends Formatter {
        private final boolean verbose;

        LineFormatter(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(Instant.ofEpochMilli(record.getMillis()))
                    .append(' ').append(record.getLevel().getName())
                    .append(' ').append(formatMessage(record));
            Throwable thrown = record.getThrown();
            if (thrown != null && verbose) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            } else if (thrown != null && thrown.getMessage() != null) {
                line.append(": ").append(thrown.getMessage());
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
