package io.sealift.testsupport.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.testsupport.Await;
import io.sealift.testsupport.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** 128 + SIGKILL (9): how the JDK reports a process killed by SIGKILL. */
    private static final int KILLED = 137;

    @TempDir
    Path dir;

    @Test
    void killsAProcessWhenItLogsTheMarker_beforeItsNextStep() throws Exception {
        Path log = dir.resolve("writer.log");
        Trigger fsynced = Trigger.logLine(log, Pattern.compile("fsynced \\S+"));
        // Stands in for an agent hook: log the marker, then block; the step after it never runs.
        String script = "echo 'opened part-1'; echo 'fsynced part-1'; read never; touch renamed";
        try (ChildProcess writer = start("writer", script, log);
                KillSwitch killSwitch = KillSwitch.when(fsynced).kill(writer)) {
            KillSwitch.Fired fired = killSwitch.awaitFired(WAIT);

            assertEquals("fsynced part-1", fired.cause());
            assertEquals("SIGKILL " + writer, fired.action());
            assertFalse(writer.isAlive());
            assertEquals(KILLED, writer.waitFor(WAIT));
            assertFalse(Files.exists(dir.resolve("renamed")));
        }
    }

    @Test
    void firesOnceWhenPolledProgressCrossesTheThreshold_andNotBefore() {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger actions = new AtomicInteger();
        Trigger halfway = Trigger.atLeast("progress %", () -> 10.0 * polls.getAndIncrement(), 50);
        try (KillSwitch killSwitch = KillSwitch.when(halfway).pollEvery(Duration.ofMillis(1))
                .run("count", actions::incrementAndGet)) {
            KillSwitch.Fired fired = killSwitch.awaitFired(WAIT);
            assertEquals("progress % = 50.0 (>= 50.0)", fired.cause());
        }
        assertEquals(6, polls.get(), "polled at 0, 10, 20, 30, 40 and 50");
        assertEquals(1, actions.get());
    }

    @Test
    void aTriggerThatThrows_isPolledAgain() {
        AtomicInteger polls = new AtomicInteger();
        Trigger flaky = Trigger.atLeast("progress %", () -> {
            if (polls.incrementAndGet() < 3) {
                throw new IllegalStateException("REST API not up yet");
            }
            return 100;
        }, 50);
        try (KillSwitch killSwitch = KillSwitch.when(flaky).run("nothing", () -> { })) {
            assertEquals("progress % = 100.0 (>= 50.0)", killSwitch.awaitFired(WAIT).cause());
        }
    }

    @Test
    void awaitFired_failsNamingTheTriggerAndItsLastError_whenItNeverFires() {
        Trigger never = Trigger.when("the job to finish", () -> {
            throw new IllegalStateException("REST API down");
        });
        try (KillSwitch killSwitch = KillSwitch.when(never).run("nothing", () -> { })) {
            AssertionError error = assertThrows(AssertionError.class,
                    () -> killSwitch.awaitFired(Duration.ofMillis(100)));
            assertTrue(error.getMessage().contains("waiting for the job to finish"), error.getMessage());
            assertInstanceOf(IllegalStateException.class, error.getCause());
        }
    }

    @Test
    void close_disarmsIt_andStopsItsThread() {
        AtomicInteger actions = new AtomicInteger();
        boolean[] ready = {false};
        KillSwitch killSwitch = KillSwitch.when(Trigger.when("ready", () -> ready[0]))
                .run("count", actions::incrementAndGet);
        killSwitch.close();
        ready[0] = true;

        assertTrue(killSwitch.fired().isEmpty());
        assertEquals(0, actions.get());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("kill-switch-")),
                "every switch in this class is closed, so no watcher is left");
    }

    @Test
    void pause_stopsTheProcessWithSigstop_untilResumed() throws Exception {
        Path log = dir.resolve("sleeper.log");
        Trigger ready = Trigger.logLine(log, Pattern.compile("ready"));
        try (ChildProcess sleeper = start("sleeper", "echo ready; exec sleep 30", log);
                KillSwitch killSwitch = KillSwitch.when(ready).pause(sleeper)) {
            killSwitch.awaitFired(WAIT);
            Await.until("the sleeper to be stopped", WAIT, () -> ProcessState.of(sleeper.pid()) == 'T');

            ProcessSignals.resume(sleeper.pid());
            Await.until("the sleeper to run again", WAIT, () -> ProcessState.of(sleeper.pid()) != 'T');
            assertTrue(sleeper.isAlive());
        }
    }

    private ChildProcess start(String name, String script, Path log) {
        return ChildProcess.start(name, List.of("sh", "-c", script), dir, log, Map.of());
    }
}
