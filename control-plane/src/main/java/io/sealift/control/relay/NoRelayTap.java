package io.sealift.control.relay;

import com.google.protobuf.ByteString;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.UUID;

/** The production {@link RelayTap}: looks at nothing. Stateless. */
@Singleton
@Secondary
public class NoRelayTap implements RelayTap {

    @Override
    public void onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        // Nothing: the relay keeps no record of what it forwards.
    }
}
