package io.sealift.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program started by a test, with its standard output and error captured to one log file.
 *
 * <p>Not thread-safe. {@link #close()} kills it (SIGKILL) if it still runs, so a test that fails
 * halfway leaves no process behind.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code workDir}, appending its output to {@code log}.
     *
     * @param environment variables added to the inherited environment
     */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path log,
            Map<String, String> environment) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            ChildProcess child = new ChildProcess(name, builder.start(), log);
            ChildProcessReaper.register(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Returns the process's name, for messages. */
    public String name() {
        return name;
    }

    /** Returns the operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** Returns whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns everything it has written so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the log file its output goes to. */
    public Path log() {
        return log;
    }

    /** Waits for it to exit and returns its exit code; fails after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError(name + " did not exit within " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM and waits for it to exit; returns the exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        return waitFor(timeout);
    }

    /** Sends SIGKILL and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The launcher exec()s java, so there are no grandchildren; kill any just in case.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        ChildProcessReaper.unregister(this);
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }
}
