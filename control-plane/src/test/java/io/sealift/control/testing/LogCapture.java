package io.sealift.control.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logback logs (formatted messages, arguments and stack traces) while it
 * is attached to the root logger, so tests can assert what never appears in logs. It survives
 * Micronaut reconfiguring logback at startup, which resets the logger context.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final ReattachOnReset reattach = new ReattachOnReset();

    private LogCapture() {
    }

    /** Attaches a new capture to the root logger. */
    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.setContext(context);
        capture.setName("test-capture");
        capture.start();
        root().addAppender(capture);
        context.addListener(capture.reattach);
        return capture;
    }

    /** Puts the root logger back to INFO and ours back to inheriting it, after a test raised them. */
    public static void resetLevels() {
        root().setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("io.sealift")).setLevel(null);
    }

    /** Returns everything captured so far, one entry per event. */
    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append("\n").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                line.append("\n\t").append(frame.getSTEAsString());
            }
        }
        lines.add(line.toString());
    }

    @Override
    public void close() {
        ((LoggerContext) getContext()).removeListener(reattach);
        root().detachAppender(this);
        stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Puts the capture back on the root logger after a reset detached and stopped it. */
    private final class ReattachOnReset implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            start();
            root().addAppender(LogCapture.this);
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
