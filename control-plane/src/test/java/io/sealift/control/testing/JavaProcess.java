package io.sealift.control.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM child process running a main class from the test classpath, whose output lines can be
 * awaited one by one (stdout and stderr merged). Closing it kills it.
 */
public final class JavaProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private JavaProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code args}, adding {@code environment} to this JVM's. */
    public static JavaProcess start(Class<?> mainClass, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", testClassPath(), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new JavaProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass.getName(), e);
        }
    }

    /** Returns the next output line matching {@code wanted}, or empty at exit or after {@code timeout}. */
    public Optional<String> awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                return Optional.empty();
            }
            synchronized (seen) {
                seen.add(line);
            }
            if (wanted.test(line)) {
                return Optional.of(line);
            }
        }
    }

    /** Waits for the process to exit; returns its status, or empty if it is still running. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** Kills the process with SIGKILL and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the output lines awaited so far, for failure messages. */
    public String output() {
        synchronized (seen) {
            List<String> all = new ArrayList<>(seen);
            lines.stream().filter(l -> !l.equals(EOF)).forEach(all::add);
            return String.join("\n", all);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("output read failed: " + e);
        } finally {
            lines.add(EOF);
        }
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
