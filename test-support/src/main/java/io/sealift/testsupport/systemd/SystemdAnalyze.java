package io.sealift.testsupport.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code systemd-analyze} (Debian's {@code systemd} package; {@code .ci/run} installs it
 * when missing) and reads its verdicts. Stateless.
 */
public final class SystemdAnalyze {
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    private SystemdAnalyze() {
    }

    /**
     * The outcome of one run.
     *
     * @param exitCode its exit status
     * @param output standard output and error together
     */
    public record Result(int exitCode, String output) {
        /** Returns the lines that warn about a key, section or value systemd ignored. */
        public List<String> warnings() {
            return output.lines().filter(line -> line.contains("Unknown key") || line.contains("Unknown section")
                    || line.contains("ignoring") || line.contains("Failed to parse")).toList();
        }

        /** Returns the overall exposure score {@code security} printed. */
        public double exposure() {
            Matcher matcher = EXPOSURE.matcher(output);
            if (!matcher.find()) {
                throw new AssertionError("no exposure level in:\n" + output);
            }
            return Double.parseDouble(matcher.group(1));
        }
    }

    /** Runs {@code systemd-analyze security --offline=true --root=ROOT UNIT}. */
    public static Result security(Path root, String unit) {
        return run("security", "--offline=true", "--no-pager", "--root=" + root, unit);
    }

    /** Runs {@code systemd-analyze verify --root=ROOT UNIT...}. */
    public static Result verify(Path root, String... units) {
        List<String> args = new ArrayList<>(List.of("verify", "--no-pager", "--root=" + root));
        args.addAll(List.of(units));
        return run(args.toArray(String[]::new));
    }

    private static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("systemd-analyze did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "systemd-analyze"))) {
                return Path.of(dir, "systemd-analyze").toString();
            }
        }
        throw new AssertionError("systemd-analyze not found: install Debian's systemd package"
                + " (apt-get install systemd), as .ci/run does");
    }
}
