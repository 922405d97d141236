package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.ClasspathJars;
import io.sealift.testsupport.keys.RecordedRandoms;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.ByteSearch;
import io.sealift.testsupport.trees.SampleTree;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's main job, with real processes: a control plane and two agents, each a child JVM
 * capped at {@code -Xmx256m}, migrate a tree through the relay over mutual TLS. Then the
 * zero-knowledge proof: no file name, no file content and no data key reached the control
 * plane's database files, its log, or any frame the relay forwarded.
 *
 * <p>Two test hooks make the proof possible, each added to one process's classpath only here:
 * the control plane's {@code RecordingRelayTap} (from the control plane's test classes) appends
 * every forwarded payload to a file, and {@code RecordingRandomProvider} (test-support), installed
 * as the agents' most preferred JCA provider, records every 32-byte random output of the agents,
 * which includes every data key they generate.
 */
class MigrationEndToEndTest {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final String RELAY_RECORDER = "io/sealift/control/testing/RecordingRelayTap.class";

    @TempDir
    Path work;

    @Test
    void aTreeArrivesIdentical_andNoNameContentOrDataKeyReachesTheControlPlane() throws IOException {
        RecordedRandoms randoms = RecordedRandoms.in(work.resolve("hooks"));
        SealiftPrograms programs = SealiftPrograms.locate().withExtraJars(work.resolve("programs"),
                List.of(ClasspathJars.jarHolding(RELAY_RECORDER)), List.of(randoms.jar()));
        Path frames = work.resolve("relay-frames.bin");
        SampleTree.Generated tree = SampleTree.generate(work.resolve("source"), 20261203L, 3 * 1024 * 1024 + 17);
        Path landing = work.resolve("landing");
        Path run = work.resolve("run");

        JsonNode finished;
        JsonNode rejected;
        JsonNode refusedRerun;
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(programs, run, tree.root(), landing,
                Map.of("JAVA_OPTS", "-Xmx256m -Dsealift.test.relay-recording=" + frames),
                Map.of("JAVA_OPTS", "-Xmx256m " + randoms.jvmFlags()), step -> { }))) {
            String id = rig.createJob().get("id").asText();
            finished = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(250), reading -> { });

            // An undeclared endpoint name is refused at creation.
            rejected = rig.admin().post("/api/v1/tenants/" + rig.tenant() + "/jobs", Map.of(
                    "source", Map.of("agent", rig.source().id(), "endpoint", "no-such-share"),
                    "target", Map.of("agent", rig.target().id(), "endpoint", MigrationRig.TARGET_ENDPOINT)))
                    .expect(400);
            // The target is no longer empty: a second run into it fails with TARGET_NOT_EMPTY.
            String second = rig.createJob().get("id").asText();
            refusedRerun = rig.awaitFinished(second, JOB_TIMEOUT, Duration.ofMillis(250), reading -> { });
            // Stopped before its files are searched; SIGTERM ends a JVM with 143.
            int exit = rig.controlPlane().terminate();
            assertTrue(exit == 0 || exit == 143, "the control plane stopped with " + exit);
        }

        assertEquals("succeeded", finished.get("state").asText(), finished.toString());
        TreeComparison.Summary summary = TreeComparison.summarize(tree.root());
        JsonNode progress = finished.get("progress");
        assertEquals(summary.bytes(), progress.get("bytesDone").asLong(), finished.toString());
        assertEquals(summary.bytes(), progress.get("bytesTotal").asLong(), finished.toString());
        assertEquals(summary.files(), progress.get("filesDone").asLong(), finished.toString());
        assertEquals(summary.files(), progress.get("filesTotal").asLong(), finished.toString());
        JsonNode receipts = finished.get("receipts");
        assertEquals(2, receipts.size(), finished.toString());
        for (JsonNode receipt : receipts) {
            assertTrue(receipt.get("verified").asBoolean(), receipt.toString());
            assertEquals(summary.files(), receipt.get("files").asLong(), receipt.toString());
        }
        assertEquals(receipts.get(0).get("ciphertextRoot"), receipts.get(1).get("ciphertextRoot"),
                "both agents computed the same root over the sealed frames");

        assertEquals("ENDPOINT_UNKNOWN", rejected.get("code").asText(), rejected.toString());
        assertEquals("failed", refusedRerun.get("state").asText(), refusedRerun.toString());
        assertEquals("TARGET_NOT_EMPTY", refusedRerun.get("error").get("code").asText(), refusedRerun.toString());
        // Byte-identical, with modes, mtimes, symlinks and empty directories; nothing else (no job
        // folder, no temporary file) in the target, also after the refused second run.
        assertEquals(List.of(), TreeComparison.differences(tree.root(), landing));

        // The zero-knowledge proof.
        List<byte[]> dataKeys = randoms.outputs();
        assertFalse(dataKeys.isEmpty(), "the recorder saw the agents' random outputs (data keys among them)");
        assertTrue(Files.size(frames) > summary.bytes(), "the relay recorder saw every frame: " + Files.size(frames));
        List<byte[]> contentMarker = List.of(("[" + tree.contentMarkers().get(0) + "]").getBytes(StandardCharsets.UTF_8));
        assertFalse(ByteSearch.find(landing, contentMarker).isEmpty(), "the search finds a marker where it is");
        assertFalse(ByteSearch.find(randoms.log(), ByteSearch.withEncodings(dataKeys)).isEmpty(),
                "the search finds the keys' hex where it is");

        List<byte[]> secrets = new ArrayList<>(tree.markerBytes());
        secrets.addAll(ByteSearch.withEncodings(dataKeys));
        List<Path> places = new ArrayList<>(List.of(run.resolve("control-plane"), run.resolve("control-plane.log"),
                frames));
        assertTrue(databaseFiles(run.resolve("control-plane")) > 0, "the control plane's database files exist");
        for (Path place : places) {
            assertEquals(List.of(), ByteSearch.find(place, secrets), "secrets found in " + place);
        }
    }

    private static long databaseFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).count();
        }
    }
}
