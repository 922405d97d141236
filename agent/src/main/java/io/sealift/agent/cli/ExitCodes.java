package io.sealift.agent.cli;

import io.sealift.agent.config.ConfigException;
import io.sealift.agent.control.AgentRevokedException;
import io.sealift.agent.enroll.AlreadyEnrolledException;
import io.sealift.agent.enroll.EnrollmentRefusedException;
import io.sealift.agent.guard.ExposedFileException;
import io.sealift.agent.guard.RootRefusedException;
import io.sealift.agent.state.NotEnrolledException;
import io.sealift.agent.transport.CaPinMismatchException;

/** The process exit codes of {@code sealift-agent}, a contract documented in docs/agent.md. */
public final class ExitCodes {
    /** Success, including {@code run} stopped by SIGTERM. */
    public static final int OK = 0;
    /** A runtime failure: unreachable control plane, unreadable state, wrong key-encryption key. */
    public static final int FAILURE = 1;
    /**
     * A usage or config error, or the state does not allow the command (not or already enrolled),
     * or a config or key file other users can access, or {@code run --service} as root.
     */
    public static final int USAGE = 2;
    /** The control plane refused the enrollment token. */
    public static final int ENROLLMENT_REFUSED = 3;
    /** The control plane's CA does not match the pinned fingerprint. */
    public static final int CA_MISMATCH = 4;
    /** The control plane refused the agent as revoked. */
    public static final int REVOKED = 5;

    private ExitCodes() {
    }

    /** Returns the exit code for a command that failed with {@code error}. */
    public static int of(Throwable error) {
        if (error instanceof ConfigException || error instanceof NotEnrolledException
                || error instanceof AlreadyEnrolledException || error instanceof ExposedFileException
                || error instanceof RootRefusedException) {
            return USAGE;
        }
        if (error instanceof EnrollmentRefusedException) {
            return ENROLLMENT_REFUSED;
        }
        if (error instanceof CaPinMismatchException) {
            return CA_MISMATCH;
        }
        if (error instanceof AgentRevokedException) {
            return REVOKED;
        }
        return FAILURE;
    }
}
