package io.sealift.testsupport.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggerTest {
    private static final Pattern FSYNCED = Pattern.compile("fsynced \\S+");

    @TempDir
    Path dir;

    @Test
    void aLogTrigger_ignoresLinesWrittenBeforeIt_andFiresOnTheFirstNewMatch() throws IOException {
        Path log = dir.resolve("agent.log");
        append(log, "fsynced old-file\n");
        Trigger trigger = Trigger.logLine(log, FSYNCED);
        assertEquals(Optional.empty(), trigger.check());

        append(log, "opened new-file\nfsynced new-file\nfsynced later-file\n");
        assertEquals(Optional.of("fsynced new-file"), trigger.check());
    }

    @Test
    void aLogTrigger_waitsForALineToBeComplete() throws IOException {
        Path log = dir.resolve("agent.log");
        Trigger trigger = Trigger.logLine(log, Pattern.compile("fsynced part-1$"));
        assertEquals(Optional.empty(), trigger.check(), "no log yet");

        append(log, "fsynced part-1");
        assertEquals(Optional.empty(), trigger.check());
        append(log, "0\r\n");
        assertEquals(Optional.empty(), trigger.check(), "the whole line is part-10");
        append(log, "fsynced part-1\n");
        assertEquals(Optional.of("fsynced part-1"), trigger.check());
    }

    @Test
    void aLogTrigger_readsAReplacedLogFromItsStart() throws IOException {
        Path log = dir.resolve("agent.log");
        append(log, "a long first life of the log, longer than the second\n");
        Trigger trigger = Trigger.logLine(log, FSYNCED);
        Files.writeString(log, "fsynced again\n");
        assertEquals(Optional.of("fsynced again"), trigger.check());
    }

    @Test
    void atLeast_firesOnceTheValueReachesTheThreshold_andSaysWhichValue() {
        double[] progress = {49.9};
        Trigger trigger = Trigger.atLeast("job progress %", () -> progress[0], 50);
        assertEquals(Optional.empty(), trigger.check());
        progress[0] = 52.5;
        assertEquals(Optional.of("job progress % = 52.5 (>= 50.0)"), trigger.check());
        assertEquals("job progress % >= 50.0", trigger.toString());
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
