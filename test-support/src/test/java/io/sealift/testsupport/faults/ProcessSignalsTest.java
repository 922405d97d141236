package io.sealift.testsupport.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.testsupport.Await;
import io.sealift.testsupport.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSignalsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void pause_stopsTheProcess_andClosingResumesIt() {
        try (ChildProcess sleeper = sleeper()) {
            ProcessSignals.Paused paused = ProcessSignals.pause(sleeper);
            Await.until("the sleeper to be stopped", WAIT, () -> ProcessState.of(sleeper.pid()) == 'T');
            paused.close();
            Await.until("the sleeper to run again", WAIT, () -> ProcessState.of(sleeper.pid()) != 'T');
            assertTrue(sleeper.isAlive());
        }
    }

    @Test
    void kill_killsEvenAStoppedProcess() {
        try (ChildProcess sleeper = sleeper()) {
            ProcessSignals.stop(sleeper.pid());
            ProcessSignals.kill(sleeper.pid());
            assertEquals(137, sleeper.waitFor(WAIT));
        }
    }

    @Test
    void signallingAProcessThatIsGone_failsWithTheCommand() {
        ChildProcess sleeper = sleeper();
        sleeper.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProcessSignals.stop(sleeper.pid()));
        assertTrue(e.getMessage().startsWith("kill -STOP " + sleeper.pid() + " failed"), e.getMessage());
    }

    private ChildProcess sleeper() {
        return ChildProcess.start("sleeper", List.of("sleep", "30"), dir, dir.resolve("sleeper.log"), Map.of());
    }
}
