package io.sealift.agent.transfer;

import io.sealift.proto.v1.ErrorCode;

/**
 * A cancellation flag that long-running transfer work checks between steps (directories walked,
 * frames sent, files written). Cancelling does not interrupt threads: blocked network waits are
 * woken by closing the session's channel.
 *
 * <p>Thread-safe.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** Marks the work cancelled. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    /** Returns whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Throws if cancelled.
     *
     * @throws TransferException with {@code INTERNAL} and the detail "cancelled"; the job layer
     *     reports a cancelled job by its own flag, never by this code
     */
    public void check() throws TransferException {
        if (cancelled) {
            throw new TransferException(ErrorCode.INTERNAL, "cancelled");
        }
    }
}
