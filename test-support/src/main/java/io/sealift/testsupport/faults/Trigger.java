package io.sealift.testsupport.faults;

import io.sealift.testsupport.process.ChildProcess;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition a {@link KillSwitch} polls for: a line in a log, a threshold crossed, any test.
 *
 * <p>A trigger may keep state (a log trigger remembers how far it has read) and is polled by one
 * thread at a time. {@link #check()} may throw, for instance while a REST API is not up yet; the
 * switch keeps polling and reports the last error if the trigger never fires.
 */
@FunctionalInterface
public interface Trigger {
    /** Checks once; returns what happened once the condition holds, empty before. */
    Optional<String> check();

    /**
     * Fires on the first complete line appended to {@code log} after this call that matches
     * {@code pattern} ({@link Matcher#find()}); the line is the cause. Lines already in the log
     * never fire it, so create the trigger before the event can happen, and it works across a
     * restart that appends to the same log.
     *
     * <p>To stop a process at a precise point (such as between fsync and rename), the program
     * logs a marker line there and then blocks until it is killed; the trigger finds the line and
     * the kill lands exactly at that point.
     */
    static Trigger logLine(Path log, Pattern pattern) {
        LogTail tail = LogTail.fromEnd(log);
        return new NamedTrigger("a line matching /" + pattern + "/ in " + log,
                () -> tail.newLines().stream().filter(line -> pattern.matcher(line).find()).findFirst());
    }

    /** Fires on a matching line appended to {@code process}'s log from now on; see {@link #logLine(Path, Pattern)}. */
    static Trigger logLine(ChildProcess process, Pattern pattern) {
        return logLine(process.log(), pattern);
    }

    /** Fires once {@code condition} holds; {@code what} names it in messages. */
    static Trigger when(String what, BooleanSupplier condition) {
        return new NamedTrigger(what, () -> condition.getAsBoolean() ? Optional.of(what) : Optional.empty());
    }

    /**
     * Fires once {@code value} is at least {@code threshold}, for instance a job's progress in
     * percent read over REST; {@code what} names the value in messages.
     */
    static Trigger atLeast(String what, DoubleSupplier value, double threshold) {
        return new NamedTrigger(what + " >= " + threshold, () -> {
            double current = value.getAsDouble();
            return current >= threshold
                    ? Optional.of(what + " = " + current + " (>= " + threshold + ")")
                    : Optional.empty();
        });
    }
}
