package io.sealift.agent.transfer.session;

import com.google.protobuf.ByteString;
import io.sealift.agent.transfer.TransferException;
import java.time.Duration;
import java.util.Optional;

/**
 * An ordered, two-way channel of serialized {@code TransferMessage}s between the two agents of a
 * session: the relay in production, a pipe in tests. Messages arrive in the order sent, or the
 * channel fails.
 *
 * <p>Implementations are thread-safe: one thread sends and receives, another may close.
 */
public interface TransferChannel {
    /**
     * Sends one serialized message, blocking while the transport cannot take more (backpressure),
     * so a slow receiver slows the sender instead of filling memory.
     *
     * @throws TransferException with {@code CONNECTION_LOST} if the channel failed or was closed
     */
    void send(ByteString message) throws TransferException, InterruptedException;

    /**
     * Returns the next message, waiting up to {@code timeout}; empty if none came in time.
     *
     * @throws TransferException with {@code CONNECTION_LOST} once the channel failed or the peer
     *     ended it and every message before that was received
     */
    Optional<ByteString> receive(Duration timeout) throws TransferException, InterruptedException;

    /**
     * Ends this side: {@code graceful} says nothing more will be sent, and messages from the peer
     * may still be received; otherwise the channel is torn down at once, for both sides.
     * Idempotent; an abrupt close after a graceful one still tears down.
     */
    void close(boolean graceful);
}
