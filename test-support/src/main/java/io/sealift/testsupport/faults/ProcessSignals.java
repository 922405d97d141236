package io.sealift.testsupport.faults;

import io.sealift.testsupport.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals to processes with {@code kill(1)}: SIGKILL, and SIGSTOP/SIGCONT to freeze
 * a process as if its host stalled (its sockets stay open, nothing answers).
 *
 * <p>Thread-safe; Unix only. Every method throws {@link IllegalStateException} if {@code kill}
 * fails, for instance because the process is gone.
 */
public final class ProcessSignals {
    private static final long KILL_COMMAND_TIMEOUT_SECONDS = 10;

    private ProcessSignals() {
    }

    /** Sends SIGKILL to {@code pid}. For a {@link ChildProcess}, {@link ChildProcess#kill()} also waits. */
    public static void kill(long pid) {
        send("KILL", pid);
    }

    /** Sends SIGSTOP to {@code pid}: it stops running until {@link #resume(long)}. */
    public static void stop(long pid) {
        send("STOP", pid);
    }

    /** Sends SIGCONT to {@code pid}. */
    public static void resume(long pid) {
        send("CONT", pid);
    }

    /**
     * Stops {@code process} with SIGSTOP until the returned handle is closed.
     *
     * <pre>{@code
     * try (ProcessSignals.Paused paused = ProcessSignals.pause(agent.start())) {
     *     // the agent is frozen: its connections stay open but nothing answers
     * }
     * }</pre>
     */
    public static Paused pause(ChildProcess process) {
        stop(process.pid());
        return new Paused(process);
    }

    private static void send(String signal, long pid) {
        List<String> command = List.of("kill", "-" + signal, Long.toString(pid));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not return");
            }
            if (kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + kill.exitValue()
                        + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** A process stopped by {@link #pause(ChildProcess)}; closing resumes it if it still runs. */
    public static final class Paused implements AutoCloseable {
        private final ChildProcess process;

        private Paused(ChildProcess process) {
            this.process = process;
        }

        /** Sends SIGCONT, unless the process has exited (or been killed) meanwhile. */
        @Override
        public void close() {
            if (process.isAlive()) {
                resume(process.pid());
            }
        }
    }
}
