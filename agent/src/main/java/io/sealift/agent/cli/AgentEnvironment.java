package io.sealift.agent.cli;

import io.sealift.agent.guard.ProcessUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the CLI takes from the outside world: output streams, environment variables, time,
 * randomness, the host name, shutdown hooks and the user the process runs as. Tests pass their
 * own. Immutable.
 *
 * @param out standard output, for results
 * @param err standard error, for errors and log lines
 * @param variables the process environment
 * @param clock the clock
 * @param random the source of key material randomness and backoff jitter
 * @param hostName supplies the host name, the default agent name
 * @param shutdownHooks where {@code run} registers its stop action
 * @param user the user the process runs as, for {@code run}'s root guard
 */
public record AgentEnvironment(
        PrintWriter out,
        PrintWriter err,
        Map<String, String> variables,
        Clock clock,
        SecureRandom random,
        Supplier<String> hostName,
        ShutdownHooks shutdownHooks,
        ProcessUser user) {

    /** Returns the real environment of this process. */
    public static AgentEnvironment system() {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return new AgentEnvironment(out, err, System.getenv(), Clock.systemUTC(), new SecureRandom(),
                AgentEnvironment::localHostName, action -> registerJvmHook(action, out, err), ProcessUser.system());
    }

    /**
     * Runs {@code action} in a JVM shutdown hook. If it stopped a running agent, the process
     * exits 0 right away: a requested stop is a success, while the JVM would otherwise report
     * 143 for SIGTERM.
     */
    private static void registerJvmHook(ShutdownHooks.StopAction action, PrintWriter out, PrintWriter err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean stopped;
            try {
                stopped = action.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopped) {
                out.flush();
                err.flush();
                Runtime.getRuntime().halt(ExitCodes.OK);
            }
        }, "sealift-agent-shutdown"));
    }

    private static String localHostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no procfs: ask the resolver instead.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
