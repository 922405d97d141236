package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume, with real processes: a 200-file tree with a few large files migrates while the
 * receiver, the sender or the control plane is killed with SIGKILL at about half way and
 * started again. Each run ends byte-identical, with nothing partial under a final name and no
 * temporary file left, after more than one session. (The subset of the kill matrix that
 * {@code ./mvnw verify} runs: each role killed once at about 50 %.)
 */
class ResumeEndToEndTest {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    private static final int LARGE_FILES = 3;
    private static final int LARGE_BYTES = 48 << 20;

    @TempDir
    Path work;

    @Test
    void theReceiverKilledHalfway_resumesAndCompletes() throws IOException {
        migrateKilling(rig -> {
            rig.target().process().close();
            rig.target().process().start();
        });
    }

    @Test
    void theSenderKilledHalfway_resumesAndCompletes() throws IOException {
        migrateKilling(rig -> {
            rig.source().process().close();
            rig.source().process().start();
        });
    }

    @Test
    void theControlPlaneKilledHalfway_resumesAndCompletes() throws IOException {
        migrateKilling(rig -> {
            rig.controlPlane().kill();
            rig.controlPlane().restart();
        });
    }

    private void migrateKilling(Consumer<MigrationRig> killAndRestart) throws IOException {
        Path source = tree(work.resolve("source"));
        Path landing = work.resolve("landing");
        JsonNode finished;
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(SealiftPrograms.locate(), work.resolve("run"),
                source, landing, Map.of(), Map.of(), step -> { }))) {
            String id = rig.createJob().get("id").asText();
            long total = TreeComparison.summarize(source).bytes();
            Await.until("the job half done", JOB_TIMEOUT, () -> {
                JsonNode job = rig.job(id);
                assertEquals("running", job.get("state").asText(), "the job ended before it was half done: " + job);
                return job.get("progress").get("bytesDone").asLong() >= total / 2;
            });
            killAndRestart.accept(rig);
            finished = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(500), reading -> { });
        }
        assertEquals("succeeded", finished.get("state").asText(), finished.toString());
        assertTrue(finished.get("attempt").asInt() >= 2, "the job resumed in a new session: " + finished);
        assertEquals(List.of(), TreeComparison.differences(source, landing));
    }

    private static Path tree(Path root) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        Files.createDirectories(root.resolve("small"));
        for (int i = 0; i < LARGE_FILES; i++) {
            write(root.resolve("large-" + i + ".bin"), LARGE_BYTES, random);
        }
        for (int i = 0; i < 200 - LARGE_FILES; i++) {
            write(root.resolve("small").resolve("f" + i + ".dat"), 1 + random.nextInt(32 * 1024), random);
        }
        return root;
    }

    private static void write(Path file, int size, SplittableRandom random) throws IOException {
        byte[] block = new byte[Math.min(size, 1 << 20)];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int done = 0; done < size; done += block.length) {
                random.nextBytes(block);
                out.write(block, 0, Math.min(block.length, size - done));
            }
        }
    }
}
