package io.sealift.packaging.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion and captures its output, as an administrator's shell would.
 * Stateless.
 */
final class Command {
    private Command() {
    }

    /**
     * What a program did.
     *
     * @param exitCode its exit status
     * @param output its standard output and error, interleaved
     */
    record Result(int exitCode, String output) {
        /** Returns this result, or fails with the output if the exit status is not 0. */
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** Runs {@code command} in the inherited environment. */
    static Result run(List<String> command) {
        return run(command, null, null);
    }

    /**
     * Runs {@code command}.
     *
     * @param environment the whole environment, or null to inherit this process's
     * @param workDir the working directory, or null for this process's
     */
    static Result run(List<String> command, Map<String, String> environment, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
