package io.sealift.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark: one tree, two copies of it on the same disk in the same run, one by
 * {@code cp -a} (the baseline) and one by a Sealift migration (control plane and two agents on
 * this host, end to end encrypted through the relay). Prints MB/s and files/s for both and their
 * ratio, and the peak resident memory of each Sealift process.
 *
 * <p>The migration is timed from the job's creation to its final state, as an operator sees it;
 * starting the processes and enrolling are not timed. Both copies read a warm page cache (the
 * tree was just written) and write into a fresh directory.
 */
public final class BenchMain {
    private static final int MIB = 1024 * 1024;
    private static final int SMALL_FILES = 20_000;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(30);

    private BenchMain() {
    }

    /** {@code [--dir DIR] [--keep]}. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(".sealift-bench");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> {
                    if (i + 1 == args.length) {
                        System.err.println("usage: bench/run.sh [--dir DIR] [--keep]");
                        System.exit(2);
                    }
                    dir = Path.of(args[++i]);
                }
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: bench/run.sh [--dir DIR] [--keep]");
                    System.exit(2);
                }
            }
        }
        dir = dir.toAbsolutePath().normalize();
        delete(dir);
        Files.createDirectories(dir);
        Path tree = dir.resolve("tree");
        System.out.println("Generating the tree in " + tree + " ...");
        generate(tree);
        TreeComparison.Summary summary = TreeComparison.summarize(tree);
        System.out.printf(Locale.ROOT, "  %,d files, %,d bytes%n", summary.files(), summary.bytes());

        System.out.println("Baseline: cp -a ...");
        Path copy = dir.resolve("cp-copy");
        long start = System.nanoTime();
        Process cp = new ProcessBuilder("cp", "-a", tree.toString(), copy.toString()).inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IllegalStateException("cp -a failed");
        }
        double cpSeconds = (System.nanoTime() - start) / 1e9;
        delete(copy);

        System.out.println("Sealift: control plane + two agents, migration through the relay ...");
        Path landing = dir.resolve("landing");
        double sealiftSeconds;
        String memory;
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(SealiftPrograms.locate(), dir.resolve("run"),
                tree, landing, Map.of(), Map.of(), step -> { }))) {
            start = System.nanoTime();
            String id = rig.createJob().get("id").asText();
            JsonNode job = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(50), reading -> { });
            sealiftSeconds = (System.nanoTime() - start) / 1e9;
            if (!job.get("state").asText().equals("succeeded")) {
                throw new IllegalStateException("the migration did not succeed: " + job);
            }
            memory = peakMemory();
        }
        List<String> differences = TreeComparison.differences(tree, landing);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the migrated tree differs: " + differences);
        }

        double mb = summary.bytes() / 1e6;
        System.out.println();
        System.out.printf(Locale.ROOT, "tree:     %,d files, %.1f MB%n", summary.files(), mb);
        System.out.printf(Locale.ROOT, "cp -a:    %7.2f s  %8.1f MB/s  %9.0f files/s%n", cpSeconds, mb / cpSeconds,
                summary.files() / cpSeconds);
        System.out.printf(Locale.ROOT, "sealift:  %7.2f s  %8.1f MB/s  %9.0f files/s   (identical: yes)%n",
                sealiftSeconds, mb / sealiftSeconds, summary.files() / sealiftSeconds);
        System.out.printf(Locale.ROOT, "ratio:    sealift runs at %.2f of cp -a's throughput (%.1fx the time)%n",
                cpSeconds / sealiftSeconds, sealiftSeconds / cpSeconds);
        System.out.println("peak RSS: " + memory);
        if (!keep) {
            delete(dir);
        }
    }

    private static void generate(Path tree) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        Files.createDirectories(tree);
        write(tree.resolve("random-512MiB.bin"), 512 * MIB, random, false);
        write(tree.resolve("half-zeros-256MiB.bin"), 256 * MIB, random, true);
        for (int i = 0; i < SMALL_FILES; i++) {
            Path sub = tree.resolve("small").resolve(String.format(Locale.ROOT, "d%03d", i / 1000));
            if (i % 1000 == 0) {
                Files.createDirectories(sub);
            }
            write(sub.resolve(String.format(Locale.ROOT, "f%05d.dat", i)), 1024 + random.nextInt(15 * 1024 + 1),
                    random, false);
        }
    }

    private static void write(Path file, int size, SplittableRandom random, boolean alternateZeros)
            throws IOException {
        byte[] block = new byte[Math.min(size, MIB)];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int done = 0, n = 0; done < size; n++) {
                int length = Math.min(block.length, size - done);
                if (alternateZeros && n % 2 == 1) {
                    java.util.Arrays.fill(block, 0, length, (byte) 0);
                } else {
                    random.nextBytes(block);
                }
                out.write(block, 0, length);
                done += length;
            }
        }
    }

    private static String peakMemory() {
        StringBuilder text = new StringBuilder();
        ProcessHandle.current().descendants().forEach(process -> {
            String command = process.info().commandLine().orElse("");
            String name = command.contains("ControlPlaneMain") ? "control plane"
                    : command.contains("AgentMain") ? "agent" : null;
            if (name != null) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                        if (line.startsWith("VmHWM:")) {
                            text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                                    .append(line.substring("VmHWM:".length()).trim());
                        }
                    }
                } catch (IOException e) {
                    // The process ended meanwhile.
                }
            }
        });
        return text.length() == 0 ? "unknown" : text.toString();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
