package io.sealift.agent.guard;

import io.sealift.agent.guard.internal.ProcStatusUser;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The user this process runs as, as the root guard sees it. Injected so tests need not be root, or not. */
@FunctionalInterface
public interface ProcessUser {
    /** Returns the process's effective user id, or empty if it cannot be found out. */
    OptionalLong effectiveUid();

    /**
     * Returns this process's user, read from the {@code Uid:} line of {@code /proc/self/status}
     * (Linux). That file names the effective id explicitly, needs nothing beyond
     * {@code java.base} in the agent's jlink runtime, and stays readable under the unit's
     * {@code ProtectProc=invisible}, which hides only other users' processes.
     */
    static ProcessUser system() {
        return new ProcStatusUser(Path.of("/proc/self/status"));
    }
}
