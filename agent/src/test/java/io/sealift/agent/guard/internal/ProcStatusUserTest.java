package io.sealift.agent.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.guard.ProcessUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatusUserTest {
    @TempDir
    Path dir;

    private OptionalLong effectiveUid(String status) throws IOException {
        Path file = dir.resolve("status");
        Files.writeString(file, status);
        return new ProcStatusUser(file).effectiveUid();
    }

    @Test
    void effectiveUid_isTheSecondIdOfTheUidLine() throws IOException {
        String status = "Name:\tjava\nUmask:\t0077\nState:\tS (sleeping)\nPid:\t4242\n"
                + "Uid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n";

        assertEquals(OptionalLong.of(0), effectiveUid(status), "a setuid-root process is root for the guard");
        assertEquals(OptionalLong.of(998), effectiveUid("Uid:\t0\t998\t998\t998\n"));
    }

    @Test
    void effectiveUid_isUnknown_withoutAFileOrAUsableUidLine() throws IOException {
        assertEquals(OptionalLong.empty(), new ProcStatusUser(dir.resolve("missing")).effectiveUid());
        assertEquals(OptionalLong.empty(), effectiveUid("Name:\tjava\n"));
        assertEquals(OptionalLong.empty(), effectiveUid("Uid:\t1000\n"));
        assertEquals(OptionalLong.empty(), effectiveUid("Uid:\tx\ty\n"));
    }

    @Test
    void system_readsThisProcessesIds_onLinux() {
        assertTrue(ProcessUser.system().effectiveUid().isPresent(), "this test runs on Linux, with /proc");
    }
}
