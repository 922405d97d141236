package io.sealift.agent.testing;

import io.sealift.agent.cli.AgentCli;
import io.sealift.agent.cli.AgentEnvironment;
import io.sealift.agent.cli.ShutdownHooks;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.guard.ProcessUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent installation in a temporary directory, driven through {@link AgentCli} in this JVM
 * with captured output and a recorded shutdown hook standing in for SIGTERM. It runs as a
 * non-root user (uid 1000) unless told otherwise, whoever runs the tests.
 */
public final class TestAgent {
    private final Path home;
    private final List<ShutdownHooks.StopAction> hooks = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> variables = Map.of();
    private volatile ProcessUser user = () -> OptionalLong.of(1000);

    public TestAgent(Path home) {
        this.home = home;
    }

    /** The outcome of one command. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Path config() {
        return home.resolve("agent.yaml");
    }

    public Path stateDir() {
        return home.resolve("state");
    }

    public void environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** Makes later commands see {@code user} as the user they run as. */
    public void runAs(ProcessUser user) {
        this.user = user;
    }

    /** Writes {@code agent.yaml} (0600) for the control plane at {@code address}, pinning {@code ca}. */
    public void writeConfig(String address, Fingerprint ca, String extra) {
        String yaml = "controlPlane:\n"
                + "  address: " + address + "\n"
                + "  caFingerprint: " + ca + "\n"
                + "  reconnect: {initialDelayMs: 20, maxDelayMs: 200}\n"
                + "stateDir: " + stateDir() + "\n"
                + extra;
        try {
            Files.createDirectories(home);
            Files.writeString(config(), yaml);
            Files.setPosixFilePermissions(config(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code sealift-agent args} to completion. */
    public Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AgentEnvironment environment = new AgentEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                variables, Clock.systemUTC(), new SecureRandom(), () -> "test host.example", hooks::add, user);
        int exit = new AgentCli(environment).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    public Result enroll(String token, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "enroll";
        args[1] = "--config";
        args[2] = config().toString();
        args[3] = "--token=" + token;
        System.arraycopy(extra, 0, args, 4, extra.length);
        return execute(args);
    }

    /** Runs the registered shutdown hooks, as SIGTERM would; returns whether one stopped the agent. */
    public boolean terminate() throws InterruptedException {
        boolean stopped = false;
        for (ShutdownHooks.StopAction hook : hooks) {
            stopped |= hook.stop();
        }
        return stopped;
    }

    /** Returns whether a shutdown hook has been registered, meaning run is under way. */
    public boolean running() {
        return !hooks.isEmpty();
    }
}
