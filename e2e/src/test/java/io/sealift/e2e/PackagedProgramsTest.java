package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.testsupport.TestHookScan;
import io.sealift.testsupport.process.SealiftPrograms;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built programs carry no test hook (no relay frame recorder, no key-recording random
 * source, nothing of test-support, no test class). The tarballs and the .deb are checked the
 * same way in the packaging modules.
 */
class PackagedProgramsTest {
    @Test
    void noJarOfEitherProgram_holdsATestHook() {
        SealiftPrograms programs = SealiftPrograms.locate();
        TestHookScan.Result scan = TestHookScan.scan(List.of(programs.controlHome().resolve("lib"),
                programs.agentHome().resolve("lib")));
        assertTrue(scan.jars() > 10, "found only " + scan.jars() + " jars");
        assertEquals(List.of(), scan.hooks());
    }
}
