package io.sealift.testsupport.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An agent installation driven through its launcher: a config file, a state directory, and the
 * CLI commands {@code enroll}, {@code run} and {@code status}.
 *
 * <p>Not thread-safe. {@link #close()} kills a running {@code run}.
 */
public final class AgentProcess implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SealiftPrograms programs;
    private final Path home;
    private final Path config;
    private final Path log;
    private final String controlPlaneAddress;
    private final String caFingerprint;
    private Map<String, String> environment = Map.of();
    private ChildProcess running;

    private AgentProcess(SealiftPrograms programs, Path home, String controlPlaneAddress, String caFingerprint) {
        this.programs = programs;
        this.home = home;
        this.config = home.resolve("agent.yaml");
        this.log = home.resolve("agent.log");
        this.controlPlaneAddress = controlPlaneAddress;
        this.caFingerprint = caFingerprint;
    }

    /**
     * Prepares an agent in {@code home}: writes {@code agent.yaml} pointing at the control plane
     * and a state directory {@code home/state}.
     *
     * @param configBody extra YAML appended to the config (sources, targets), may be empty
     */
    public static AgentProcess create(SealiftPrograms programs, Path home, String controlPlaneAddress,
            String caFingerprint, String configBody) {
        AgentProcess agent = new AgentProcess(programs, home, controlPlaneAddress, caFingerprint);
        agent.writeConfig(configBody);
        return agent;
    }

    /**
     * Rewrites {@code agent.yaml}: the control plane and state directory as at {@link #create},
     * then {@code configBody} (sources, targets). A running agent picks it up at its next start.
     * The file is 0600: the agent refuses a config other users can read.
     */
    public void writeConfig(String configBody) {
        String yaml = "controlPlane:\n"
                + "  address: " + controlPlaneAddress + "\n"
                + "  caFingerprint: " + caFingerprint + "\n"
                + "stateDir: " + home.resolve("state") + "\n"
                + configBody;
        try {
            Files.createDirectories(home);
            Files.writeString(config, yaml);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets variables (such as {@code JAVA_OPTS}) added to every command's environment from now on. */
    public AgentProcess withEnvironment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    /** Returns the directory the agent lives in (config, state, logs). */
    public Path home() {
        return home;
    }

    /** Returns {@code status --json} parsed; fails if the command fails. */
    public JsonNode statusJson() {
        Result status = status();
        if (status.exitCode() != 0) {
            throw new AssertionError("sealift-agent status failed (" + status.exitCode() + "):\n" + status.output());
        }
        String output = status.output();
        int start = output.indexOf('{');
        try {
            return JSON.readTree(start < 0 ? output : output.substring(start));
        } catch (IOException e) {
            throw new AssertionError("sealift-agent status --json printed no JSON:\n" + output, e);
        }
    }

    /** Returns the config file's path. */
    public Path config() {
        return config;
    }

    /** Runs {@code sealift-agent enroll} to completion. */
    public Result enroll(String token, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("enroll", "--config", config.toString(), "--token", token));
        args.addAll(List.of(extraArgs));
        return runToCompletion(args);
    }

    /** Runs {@code sealift-agent status --json} to completion. */
    public Result status() {
        return runToCompletion(List.of("status", "--config", config.toString(), "--json"));
    }

    /** Runs the CLI with {@code args} to completion. */
    public Result runToCompletion(List<String> args) {
        Path commandLog = home.resolve("cli-" + System.nanoTime() + ".log");
        try (ChildProcess child = ChildProcess.start("sealift-agent " + args.get(0), command(args), home,
                commandLog, environment)) {
            int exit = child.waitFor(COMMAND_TIMEOUT);
            return new Result(exit, child.output());
        }
    }

    /** Starts {@code sealift-agent run} in the background. */
    public ChildProcess start() {
        if (running != null && running.isAlive()) {
            throw new IllegalStateException("agent already running");
        }
        running = ChildProcess.start("sealift-agent run", command(List.of("run", "--config", config.toString())),
                home, log, environment);
        return running;
    }

    /** Returns whether {@code run} is running. */
    public boolean isRunning() {
        return running != null && running.isAlive();
    }

    /** Returns everything {@code run} has logged so far. */
    public String output() {
        return running == null ? "" : running.output();
    }

    private List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(programs.agentLauncher().toString());
        command.addAll(args);
        return command;
    }

    /** Kills {@code run} with SIGKILL, if it runs, and waits until it is gone; {@link #start()} may follow. */
    public void kill() {
        if (running != null) {
            running.kill();
        }
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }

    /**
     * The outcome of a CLI command.
     *
     * @param exitCode its exit status
     * @param output its standard output and error, interleaved
     */
    public record Result(int exitCode, String output) {
    }
}
