package io.sealift.agent.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RootGuardTest {
    private static final ProcessUser ROOT = () -> OptionalLong.of(0);
    private static final ProcessUser SEALIFT = () -> OptionalLong.of(998);
    private static final ProcessUser UNKNOWN = OptionalLong::empty;

    @Test
    void service_asRoot_isRefused_unlessRootIsAllowed() {
        RootRefusedException e = assertThrows(RootRefusedException.class, () -> RootGuard.check(ROOT, true, false));

        assertEquals("refusing to run as root with --service: run the agent as its own user (the unit's"
                + " User=sealift), or pass --allow-root to run as root anyway", e.getMessage());
        assertTrue(RootGuard.check(ROOT, true, true).orElseThrow().startsWith("running as root (--allow-root): "));
    }

    @Test
    void plainRun_asRoot_onlyWarns() {
        assertEquals(Optional.of("running as root: the agent needs no privileges; run it as its own user"
                + " (for example sealift) instead"), RootGuard.check(ROOT, false, false));
    }

    @Test
    void anotherUser_runsWithoutAWord_asAServiceOrNot() {
        assertEquals(Optional.empty(), RootGuard.check(SEALIFT, true, false));
        assertEquals(Optional.empty(), RootGuard.check(SEALIFT, false, false));
        assertEquals(Optional.empty(), RootGuard.check(SEALIFT, true, true));
    }

    @Test
    void unknownUser_isRefusedAsAService_unlessRootIsAllowed_andIgnoredOtherwise() {
        RootRefusedException e = assertThrows(RootRefusedException.class, () -> RootGuard.check(UNKNOWN, true, false));

        assertTrue(e.getMessage().startsWith("refusing to run with --service: cannot tell which user"), e.getMessage());
        assertEquals(Optional.empty(), RootGuard.check(UNKNOWN, true, true));
        assertEquals(Optional.empty(), RootGuard.check(UNKNOWN, false, false));
    }
}
