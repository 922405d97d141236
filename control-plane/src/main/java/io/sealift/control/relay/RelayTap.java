package io.sealift.control.relay;

import com.google.protobuf.ByteString;
import java.util.UUID;

/**
 * Sees every payload the relay forwards, as the relay sees it: opaque bytes. The extension point
 * for tests that prove what the relay can and cannot learn; production uses {@link NoRelayTap}.
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
     * @param payload the payload exactly as forwarded (an immutable view, not a copy)
     */
    void onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload);
}
