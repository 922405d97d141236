package io.sealift.agent.transfer.session;

import io.sealift.agent.transfer.TransferException;

/** Opens the channel of a transfer session to the peer agent: the relay in production. */
@FunctionalInterface
public interface TransferChannels {
    /**
     * Opens the channel for session {@code session} of job {@code jobId}. Closing the channel
     * releases everything behind it.
     *
     * @throws TransferException with {@code CONNECTION_LOST} if it cannot be opened
     */
    TransferChannel open(String jobId, long session) throws TransferException;
}
