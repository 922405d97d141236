package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full kill matrix, run by the {@code fault-matrix} profile ({@code ./mvnw verify
 * -Pfault-matrix}, which {@code .ci/run} uses): the sender, the receiver and the control plane
 * each SIGKILLed at 10, 30, 50, 70 and 90 % of the tree's bytes in the target (15 runs), and the
 * receiver SIGKILLed in its commit between fsync and rename: before the first rename, after the
 * first, half way and before the last. Every run ends byte-identical, with nothing partial under
 * a final name at the kill and the bytes sent again within the bound ({@link KillRig}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillMatrixEndToEndTest {
    private static final int REGULAR_FILES = 200;

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

    static Stream<Arguments> kills() {
        return Stream.of(KillRig.Victim.values()).flatMap(victim -> Stream.of(10, 30, 50, 70, 90)
                .map(percent -> Arguments.of(victim, percent)));
    }

    @ParameterizedTest(name = "{0} killed at {1}%")
    @MethodSource("kills")
    void killedPartWay_resumesAndCompletes(KillRig.Victim victim, int percent) throws IOException {
        ResumeEndToEndTest.report(victim + " at " + percent + "%", rig.killAt(victim, percent / 100.0))
                .assertResumedIdentical();
    }

    @ParameterizedTest(name = "receiver killed before rename {0}")
    @ValueSource(ints = {0, 1, REGULAR_FILES / 2, REGULAR_FILES - 1})
    void killedBetweenFsyncAndRename_resumesAndCompletes(int index) throws IOException {
        KillRig.Outcome outcome = ResumeEndToEndTest.report("receiver before rename " + index,
                rig.killBeforeRename(index));
        outcome.assertResumedIdentical();
        assertEquals(index, outcome.finalNamesAtKill(), "killed after exactly " + index + " renames");
    }
}
