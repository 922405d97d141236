package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat however large the file: a 1 GiB file migrates between two agents whose heap
 * is capped at 64 MiB, a sixteenth of the file, through a control plane capped at 128 MiB. Were
 * any of them to hold the file (or a growing part of it) in memory, it would die of
 * OutOfMemoryError. The same caps carry a 1 MiB file in {@link MigrationEndToEndTest}'s setup,
 * which uses 256 MiB; a 10 GiB file would take minutes and show nothing more.
 */
class LargeFileEndToEndTest {
    private static final long FILE_BYTES = 1L << 30;

    @TempDir
    Path work;

    @Test
    void aFileSixteenTimesTheAgentsHeap_migrates() throws IOException {
        Path source = work.resolve("source");
        Files.createDirectories(source);
        write(source.resolve("large.bin"), FILE_BYTES);
        Files.writeString(source.resolve("small.txt"), "and a small one\n");
        Path landing = work.resolve("landing");

        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(SealiftPrograms.locate(), work.resolve("run"),
                source, landing, Map.of("JAVA_OPTS", "-Xmx128m -XX:+ExitOnOutOfMemoryError"),
                Map.of("JAVA_OPTS", "-Xmx64m -XX:+ExitOnOutOfMemoryError"), step -> { }))) {
            String id = rig.createJob().get("id").asText();
            JsonNode job = rig.awaitFinished(id, Duration.ofMinutes(5), Duration.ofSeconds(1), reading -> { });
            assertEquals("succeeded", job.get("state").asText(), job.toString());
            assertEquals(FILE_BYTES + 16, job.get("progress").get("bytesDone").asLong(), job.toString());
        }
        assertEquals(List.of(), TreeComparison.differences(source, landing));
    }

    private static void write(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; done += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }
}
