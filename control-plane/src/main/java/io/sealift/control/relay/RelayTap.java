package io.sealift.control.relay;

import com.google.protobuf.ByteString;
import java.util.UUID;

/**
 * Sees every payload the relay forwards, as the relay sees it: opaque bytes, and says what to
 * forward in its place. The extension point exists for tests: those that prove what the relay can
 * and cannot learn, and those that damage a payload in transit (after TLS is terminated) to prove
 * the agents detect it. Production uses {@link NoRelayTap}, which forwards every payload
 * untouched.
 *
 * <p>Implementations must be thread-safe and fast: they run on the forwarding path of every
 * frame, in order per direction. They must not keep payloads beyond what a test needs.
 */
public interface RelayTap {

    /**
     * Called for each payload, before it is forwarded.
     *
     * @param jobId the job whose session the frame belongs to
     * @param session the session
     * @param direction which way it travels
     * @param payload the payload as the sending agent sent it (an immutable view, not a copy)
     * @return the payload to forward: {@code payload} itself to leave it alone (the relay then
     *     forwards the received frame as is, without rebuilding it), or other bytes; never null
     */
    ByteString onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload);
}
