package io.sealift.agent.transfer;

import io.sealift.proto.v1.ErrorCode;
import java.util.Objects;
import java.util.Set;

/**
 * Why a transfer session failed: an {@link ErrorCode} from the closed list, which is all the
 * control plane ever learns, and a detail message for the local log only (it may name paths and
 * files, so it must never leave the host).
 *
 * <p>Immutable.
 */
public final class TransferException extends Exception {
    private static final Set<ErrorCode> RETRYABLE = Set.of(ErrorCode.CONNECTION_LOST, ErrorCode.AGENT_OFFLINE,
            ErrorCode.SOURCE_CHANGED, ErrorCode.DISK_FULL);

    private final ErrorCode code;

    /** Creates the exception with {@code code} and a local-only {@code detail}. */
    public TransferException(ErrorCode code, String detail) {
        super(detail);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Creates the exception with {@code code}, a local-only {@code detail} and its cause. */
    public TransferException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Returns the code reported to the control plane. */
    public ErrorCode code() {
        return code;
    }

    /**
     * Returns whether a later session of the job may succeed: a lost connection, a source that
     * changed, a full disk (the session resumes from its journal once space is freed).
     */
    public boolean retryable() {
        return isRetryable(code);
    }

    /** Returns whether failures with {@code code} may succeed on retry. */
    public static boolean isRetryable(ErrorCode code) {
        return RETRYABLE.contains(code);
    }
}
