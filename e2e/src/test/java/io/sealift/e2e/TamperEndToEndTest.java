package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.ClasspathJars;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.SampleTree;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering in transit, with real processes: the control plane's relay flips one bit of one
 * payload per job, after TLS is terminated, at a different place each time (the signed header, an
 * early sealed frame, a frame in the middle of a 4 MiB file, the final frame, the signed trailer,
 * the receiver's status and its sealed claim). Every flip must be detected: the job ends
 * {@code failed} with {@code TAMPERED} in its first session (never retried into success), nothing
 * is committed (no entry under a final name, no temporary file, no receipt from the target), and
 * both agents stay up and online for the next job.
 *
 * <p>The hook is the control plane's {@code TamperingRelayTap} (from its test classes, on this
 * control-plane process's classpath only), driven by a plan file with one line per job, and
 * recording each payload's size per job, session and direction without its bytes. A first,
 * untouched job proves the hook damages nothing unasked and tells how many payloads a session
 * of this tree sends, so the last one, the trailer, can be chosen.
 */
class TamperEndToEndTest {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CLEANUP = Duration.ofSeconds(15);
    private static final String TAMPER_HOOK = "io/sealift/control/testing/TamperingRelayTap.class";
    private static final int LARGE_FILE_BYTES = 4 * 1024 * 1024 + 17;

    @TempDir
    Path work;

    /** One flip: which payload of the job's session, where in it, and what the job must end with. */
    private record Flip(String what, String direction, String payload, String offset, int bit, String code) {
        String planLine() {
            return direction + " " + payload + " " + offset + " " + bit;
        }
    }

    @Test
    void everyBitFlippedByTheRelay_isDetected_andNothingIsCommitted() throws IOException {
        SampleTree.Generated tree = SampleTree.generate(work.resolve("source"), 20261204L, LARGE_FILE_BYTES);
        Path landing = work.resolve("landing");
        Path plan = Files.createFile(work.resolve("tamper-plan.txt"));
        Path log = work.resolve("tamper-log.txt");
        Path frames = work.resolve("relay-frames.bin");
        SealiftPrograms programs = SealiftPrograms.locate().withExtraJars(work.resolve("programs"),
                List.of(ClasspathJars.jarHolding(TAMPER_HOOK)), List.of());
        String hooks = " -Dsealift.test.relay-tamper=" + plan + " -Dsealift.test.relay-tamper-log=" + log
                + " -Dsealift.test.relay-recording=" + frames + " -Dsealift.test.relay-recording.payloads=false";

        List<String> failures = new ArrayList<>();
        int flipped = 0;
        int detected = 0;
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(programs, work.resolve("run"), tree.root(),
                landing, Map.of("JAVA_OPTS", "-Xmx256m" + hooks), Map.of("JAVA_OPTS", "-Xmx256m"), step -> { }))) {
            append(plan, "none");
            String clean = rig.createJob().get("id").asText();
            JsonNode untouched = rig.awaitFinished(clean, JOB_TIMEOUT, Duration.ofMillis(200), reading -> { });
            assertEquals("succeeded", untouched.get("state").asText(), untouched.toString());
            assertEquals(List.of(), TreeComparison.differences(tree.root(), landing));
            assertEquals(List.of(), logLines(log), "nothing was damaged in the untouched job");
            UUID cleanId = UUID.fromString(clean);
            long payloads = RelayRecording.read(frames).stream()
                    .filter(payload -> payload.toTargetOf(cleanId) && payload.session() == 1).count();
            // The header, at least one sealed frame per 256 KiB of the 4 MiB file, the trailer.
            assertTrue(payloads >= 2 + LARGE_FILE_BYTES / (256 * 1024), "payloads source→target: " + payloads);
            TestTrees.delete(landing);

            List<Flip> flips = List.of(
                    new Flip("the signed header", "SOURCE_TO_TARGET", "0", "0.5", 0, "TAMPERED"),
                    new Flip("the header's framing", "SOURCE_TO_TARGET", "0", "1", 6, "TAMPERED"),
                    new Flip("an early sealed frame", "SOURCE_TO_TARGET", "1", "0.25", 3, "TAMPERED"),
                    new Flip("a sealed frame's index", "SOURCE_TO_TARGET", "2", "5", 1, "TAMPERED"),
                    new Flip("a frame in the middle of the large file", "SOURCE_TO_TARGET",
                            Long.toString(payloads / 2), "0.5", 7, "TAMPERED"),
                    new Flip("the final sealed frame", "SOURCE_TO_TARGET", Long.toString(payloads - 2), "0.9", 5,
                            "TAMPERED"),
                    new Flip("the signed trailer", "SOURCE_TO_TARGET", Long.toString(payloads - 1), "0.5", 4,
                            "TAMPERED"),
                    new Flip("the receiver's status ACCEPTED", "TARGET_TO_SOURCE", "0", "3", 0, "TAMPERED"),
                    new Flip("the receiver's sealed claim", "TARGET_TO_SOURCE", "1", "0.5", 2, "TAMPERED"));
            for (Flip flip : flips) {
                append(plan, flip.planLine());
                String id = rig.createJob().get("id").asText();
                JsonNode job = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(200), reading -> { });
                List<String> lines = logLines(log).stream().filter(line -> line.contains("job=" + id + " ")).toList();
                List<String> problems = check(rig, job, flip, lines, landing);
                if (lines.size() == 1 && lines.get(0).startsWith("flipped ")) {
                    flipped++;
                    if (problems.isEmpty()) {
                        detected++;
                    }
                }
                problems.forEach(problem -> failures.add(flip.what() + ": " + problem));
                TestTrees.delete(landing);
            }
            assertEquals(List.of(), failures);
            assertEquals(flips.size(), flipped, "every planned flip happened");
            assertEquals(flipped, detected, "every flip was detected");
        }
    }

    /** Returns what is wrong with how the job of {@code flip} ended; empty if nothing. */
    private static List<String> check(MigrationRig rig, JsonNode job, Flip flip, List<String> lines, Path landing) {
        List<String> problems = new ArrayList<>();
        String where = "direction=" + flip.direction() + " payload=" + flip.payload() + " ";
        if (lines.size() != 1 || !lines.get(0).startsWith("flipped ") || !lines.get(0).contains(where)) {
            problems.add("the tamper log does not show one flip at " + where + ": " + lines);
        }
        if (!"failed".equals(job.get("state").asText()) || job.get("attempt").asInt() != 1) {
            problems.add("the job did not fail in its first session: " + job);
        }
        JsonNode error = job.get("error");
        if (error == null || !flip.code().equals(error.get("code").asText())) {
            problems.add("the job's error is not " + flip.code() + ": " + job);
        }
        for (JsonNode receipt : job.get("receipts")) {
            if ("target".equals(receipt.get("role").asText())) {
                problems.add("the target signed a receipt: " + receipt);
            }
        }
        try {
            Await.until("nothing left in the landing directory", CLEANUP, () -> entries(landing).isEmpty());
        } catch (AssertionError e) {
            problems.add("the landing directory holds " + entries(landing));
        }
        for (MigrationRig.Agent agent : List.of(rig.source(), rig.target())) {
            String status = rig.admin().get("/api/v1/tenants/" + rig.tenant() + "/agents/" + agent.id())
                    .expect(200).get("status").asText();
            if (!agent.process().isRunning() || !"online".equals(status)) {
                problems.add("agent " + agent.name() + " is not running and online (" + status + ")");
            }
        }
        return problems;
    }

    private static void append(Path plan, String line) throws IOException {
        Files.writeString(plan, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<String> logLines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private static List<String> entries(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
