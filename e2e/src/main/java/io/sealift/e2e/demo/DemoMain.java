package io.sealift.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.SampleTree;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The README's first command: a real migration on this host, on the embedded defaults. Starts a
 * control plane (embedded H2 in a fresh directory), enrolls two agents, pins each one's
 * fingerprint on the other from the agent's own {@code status --json}, migrates a generated
 * sample tree (or the directory given) from agent alpha to agent beta through the relay, shows
 * progress with rate and ETA, and ends with a verification summary.
 *
 * <p>Everything goes through the built launchers, the REST API and the agent CLI; nothing here
 * reaches into either program's classes.
 *
 * <p>Usage: {@code sealift-demo [--keep-running] [DIRECTORY]}.
 */
public final class DemoMain {
    private static final Duration JOB_TIMEOUT = Duration.ofHours(12);
    private static final int SAMPLE_LARGE_FILE = 48 * 1024 * 1024;

    private final PrintStream out;
    private final Path work;

    private DemoMain(PrintStream out, Path work) {
        this.out = out;
        this.work = work;
    }

    /** Runs the demo in {@code ./.sealift-demo/<time>}. */
    public static void main(String[] args) throws Exception {
        boolean keepRunning = false;
        Path source = null;
        for (String arg : args) {
            if (arg.equals("--keep-running")) {
                keepRunning = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("usage: demo.sh [--keep-running] [DIRECTORY]");
                System.out.println("  migrates DIRECTORY (default: a generated sample tree) between two local agents");
                return;
            } else if (arg.startsWith("-") || source != null) {
                System.err.println("sealift-demo: unexpected argument '" + arg + "'; usage: demo.sh [--keep-running] [DIRECTORY]");
                System.exit(2);
            } else {
                source = Path.of(arg).toAbsolutePath().normalize();
                if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    System.err.println("sealift-demo: " + source + " is not a directory");
                    System.exit(2);
                }
            }
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path work = Path.of(".sealift-demo", stamp).toAbsolutePath();
        Files.createDirectories(work);
        System.exit(new DemoMain(System.out, work).run(source, keepRunning));
    }

    private int run(Path givenSource, boolean keepRunning) throws InterruptedException {
        Path source = givenSource;
        if (source == null) {
            step("Generating a sample tree in " + work.resolve("sample"));
            source = SampleTree.generate(work.resolve("sample"), System.nanoTime(), SAMPLE_LARGE_FILE).root();
        }
        TreeComparison.Summary tree = TreeComparison.summarize(source);
        out.printf(Locale.ROOT, "  %s: %,d files, %,d directories, %,d symlinks, %s%n", source, tree.files(),
                tree.directories(), tree.symlinks(), size(tree.bytes()));
        Path landing = work.resolve("landing");
        MigrationRig.Setup setup = new MigrationRig.Setup(SealiftPrograms.locate(), work, source, landing,
                Map.of(), Map.of(), this::step);
        try (MigrationRig rig = MigrationRig.start(setup)) {
            step("Creating the job: alpha:" + MigrationRig.SOURCE_ENDPOINT + " -> beta:" + MigrationRig.TARGET_ENDPOINT
                    + " (POST /api/v1/tenants/" + rig.tenant() + "/jobs)");
            String id = rig.createJob().get("id").asText();
            out.println("  job " + id);
            JsonNode job = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(500), this::showProgress);
            out.println();
            int status = summarize(rig, job, source, landing);
            if (keepRunning) {
                step("Running; logs in " + work + ". Press Ctrl-C to stop.");
                Thread.currentThread().join();
            }
            step("Stopping the agents and the control plane");
            return status;
        } catch (RuntimeException | AssertionError e) {
            out.println();
            out.println("demo failed: " + e.getMessage());
            out.println("logs are in " + work);
            return 1;
        }
    }

    private void showProgress(JsonNode job) {
        JsonNode progress = job.get("progress");
        long done = progress.path("bytesDone").asLong();
        long total = progress.path("bytesTotal").asLong();
        String percent = total > 0 ? String.format(Locale.ROOT, "%3d%%", done * 100 / total) : "   ";
        String rate = progress.path("bytesPerSecond").isNumber()
                ? size(progress.get("bytesPerSecond").asLong()) + "/s" : "-";
        String eta = progress.path("etaSeconds").isNumber() ? progress.get("etaSeconds").asLong() + " s" : "-";
        out.printf(Locale.ROOT, "\r  %-9s %s  %s / %s  files %d/%d  %s  ETA %s      ", job.get("state").asText(),
                percent, size(done), size(total), progress.path("filesDone").asLong(),
                progress.path("filesTotal").asLong(), rate, eta);
        out.flush();
    }

    private int summarize(MigrationRig rig, JsonNode job, Path source, Path landing) {
        String state = job.get("state").asText();
        step("Job " + state + (job.hasNonNull("error") ? ": " + job.get("error").get("code").asText() + " - "
                + job.get("error").get("message").asText() : ""));
        if (!state.equals("succeeded")) {
            out.println("  logs: " + work);
            return 1;
        }
        step("Verifying " + landing + " against " + source);
        List<String> differences = TreeComparison.differences(source, landing);
        TreeComparison.Summary summary = TreeComparison.summarize(landing);
        JsonNode progress = job.get("progress");
        out.printf(Locale.ROOT, "  files:       %,d (job says %,d)%n", summary.files(), progress.get("filesDone").asLong());
        out.printf(Locale.ROOT, "  bytes:       %,d (job says %,d)%n", summary.bytes(), progress.get("bytesDone").asLong());
        out.printf(Locale.ROOT, "  directories: %,d, symlinks: %,d%n", summary.directories(), summary.symlinks());
        out.println("  identical:   " + (differences.isEmpty() ? "yes (contents, modes, mtimes, symlinks)" : "NO"));
        differences.forEach(d -> out.println("    " + d));
        List<String> receipts = new ArrayList<>();
        for (JsonNode receipt : job.get("receipts")) {
            receipts.add(receipt.get("role").asText() + " " + (receipt.get("verified").asBoolean() ? "verified" : "NOT verified"));
        }
        out.println("  receipts:    " + String.join(", ", receipts) + "; ciphertext root "
                + job.get("receipts").get(0).path("ciphertextRoot").asText());
        out.println("               signed copies in " + rig.source().process().home().resolve("state/transfers/" + job.get("id").asText())
                + " and " + rig.target().process().home().resolve("state/transfers/" + job.get("id").asText()));
        out.println("  everything the demo wrote (logs included) is in " + work);
        return differences.isEmpty() ? 0 : 1;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private void step(String message) {
        out.println();
        out.println("==> " + message);
    }
}
