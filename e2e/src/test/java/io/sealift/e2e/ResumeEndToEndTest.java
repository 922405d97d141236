package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume, with real processes: the subset of the kill matrix that {@code ./mvnw verify} runs. A
 * 200-file tree with a few large files migrates while the sender, the receiver or the control
 * plane is killed with SIGKILL at about half way and started again, and once with the receiver
 * killed in its commit, between fsync and rename, half way through its renames. Each run ends
 * byte-identical after more than one session, with nothing partial under a final name at the kill
 * and the bytes sent again within the bound ({@link KillRig}). {@code KillMatrixEndToEndTest}
 * runs the full matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeEndToEndTest {
    private KillRig rig;

    @BeforeAll
    void startRig(@TempDir Path work) throws IOException {
        rig = KillRig.start(work);
    }

    @AfterAll
    void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theReceiverKilledHalfway_resumesAndCompletes() throws IOException {
        report("receiver at 50%", rig.killAt(KillRig.Victim.RECEIVER, 0.5)).assertResumedIdentical();
    }

    @Test
    void theSenderKilledHalfway_resumesAndCompletes() throws IOException {
        report("sender at 50%", rig.killAt(KillRig.Victim.SENDER, 0.5)).assertResumedIdentical();
    }

    @Test
    void theControlPlaneKilledHalfway_resumesAndCompletes() throws IOException {
        report("control plane at 50%", rig.killAt(KillRig.Victim.CONTROL_PLANE, 0.5)).assertResumedIdentical();
    }

    @Test
    void theReceiverKilledBetweenFsyncAndRename_resumesAndCompletes() throws IOException {
        KillRig.Outcome outcome = report("receiver before rename 100", rig.killBeforeRename(100));
        outcome.assertResumedIdentical();
        assertEquals(100, outcome.finalNamesAtKill(), "killed after exactly 100 renames");
    }

    static KillRig.Outcome report(String run, KillRig.Outcome outcome) {
        System.out.println("kill " + run + ": " + outcome);
        return outcome;
    }
}
