package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.e2e.rig.MigrationRig;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.faults.FaultyProxy;
import io.sealift.testsupport.process.SealiftPrograms;
import io.sealift.testsupport.trees.TreeComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dropped connection, with real processes: the source agent's link to the control plane (its
 * control stream and the relay's sending leg) is cut at about 40 % of a migration. The job must
 * resume in a new session and end byte-identical. (The part of the network fault matrix that
 * {@code ./mvnw verify} runs; the rest is {@link NetworkFaultMatrixEndToEndTest}.)
 */
class NetworkFaultEndToEndTest {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    /** Caps the sending leg so the cut lands mid-transfer on any machine: 64 MiB take about 8 s. */
    private static final long SOURCE_BYTES_PER_SECOND = 8L << 20;

    @TempDir
    Path work;

    @Test
    void theSourcesLinkCutAt40Percent_resumesInANewSessionAndEndsIdentical() throws IOException {
        Path source = TestTrees.write(work.resolve("source"), 11, 3, 20 << 20, 60);
        Path landing = work.resolve("landing");
        long total = TreeComparison.summarize(source).bytes();
        JsonNode finished;
        long connectionsBefore;
        try (MigrationRig rig = MigrationRig.start(new MigrationRig.Setup(SealiftPrograms.locate(), work.resolve("run"),
                source, landing, Map.of(), Map.of(), step -> { }).withProxies())) {
            FaultyProxy link = rig.source().proxy();
            link.toServer().bandwidth(SOURCE_BYTES_PER_SECOND);
            String id = rig.createJob().get("id").asText();
            Await.until("the job 40 % done", JOB_TIMEOUT, () -> {
                JsonNode job = rig.job(id);
                assertEquals("running", job.get("state").asText(), "the job left running before the cut: " + job);
                return job.get("progress").get("bytesDone").asLong() >= total * 4 / 10;
            });
            connectionsBefore = link.connectionsAccepted();
            link.cutAll();
            finished = rig.awaitFinished(id, JOB_TIMEOUT, Duration.ofMillis(500), reading -> { });
            assertTrue(link.connectionsAccepted() > connectionsBefore,
                    "the source reconnected through its proxy after the cut");
        }
        assertEquals("succeeded", finished.get("state").asText(), finished.toString());
        assertTrue(finished.get("attempt").asInt() >= 2, "the job resumed in a new session: " + finished);
        assertEquals(List.of(), TreeComparison.differences(source, landing));
    }
}
