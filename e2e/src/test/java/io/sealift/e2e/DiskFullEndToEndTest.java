package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk on the receiver, with real processes: the target endpoint is a 16 MiB tmpfs and
 * the tree is about 25 MiB. The job must stop with {@code DISK_FULL} and wait ({@code queued},
 * not a final state) with nothing under a final name in the target, only temporary files, while
 * the target agent stays up and online; once the tmpfs grows to 64 MiB the job must resume from
 * the target's journal in a new session and end {@code succeeded}, byte-identical.
 *
 * <p>Mounting needs root: as another user the test is skipped (JUnit assumption), see
 * docs/testing.md. The mount is lazily unmounted however the test ends.
 */
class DiskFullEndToEndTest {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void aFullTargetDisk_makesTheJobWaitWithDiskFull_andItResumesOnceSpaceIsFreed() throws IOException {
        assumeTrue(isRoot(), "DiskFullEndToEndTest mounts a small tmpfs as the target directory, which needs root;"
                + " skipped as uid " + run("id", "-u").trim());
        Path source = TestTrees.write(work.resolve("source"), 31, 4, 6 << 20, 40);
        Path landing = Files.createDirectories(work.resolve("landing"));
        run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", landing.toString());
        try {
            migrateThroughAFullDisk(source, landing);
        } finally {
            run("umount", "-l", landing.toString());
        }
    }

    private void migrateThroughAFullDisk(Path source, Path landing) {
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(SealiftPrograms.locate(), work.resolve("run"),
                source, landing, Map.of(), Map.of(), step -> { }))) {
            String id = rig.createJob().get("id").asText();
            JobTimeline timeline = new JobTimeline("disk full");
            JsonNode waiting = Await.value("the job waiting with DISK_FULL", JOB_TIMEOUT, () -> {
                JsonNode job = rig.job(id);
                timeline.accept(job);
                assertTrue(job.get("finishedAt").isNull(), "a full disk must not end the job: " + job);
                boolean full = "queued".equals(job.get("state").asText())
                        && "DISK_FULL".equals(job.path("error").path("code").asText());
                return full ? job : null;
            });
            assertTrue(waiting.get("retryAt").isTextual(), "a waiting job shows when it is retried: " + waiting);
            assertEquals(List.of(), entries(landing, false), "nothing under a final name while the disk is full");
            assertTrue(entries(landing, true).size() > 0,
                    "the temporary files stay for the resume: " + entries(landing, true));
            assertTrue(rig.target().process().isRunning(), "the target agent survives a full disk");
            assertEquals("online", rig.admin().get("/api/v1/tenants/" + rig.tenant() + "/agents/"
                    + rig.target().id()).expect(200).get("status").asText());

            run("mount", "-o", "remount,size=64m", landing.toString());
            JsonNode finished = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(500), timeline);
            assertEquals("succeeded", finished.get("state").asText(), finished.toString());
            assertTrue(finished.get("attempt").asInt() >= 2, "the job resumed in a new session: " + finished);
        }
        assertEquals(List.of(), TreeComparison.differences(source, landing));
    }

    /** The names in the target root that are (or, if not {@code temporary}, are not) the receiver's temporary files. */
    private static List<String> entries(Path landing, boolean temporary) {
        try (Stream<Path> entries = Files.list(landing)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.startsWith(".sealift-tmp-") == temporary)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        return "0".equals(run("id", "-u").trim());
    }

    /** Runs a command, returns its output, and fails naming it and its output if it fails. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            boolean ended = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ended) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
