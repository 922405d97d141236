package io.sealift.control.relay;

import com.google.protobuf.ByteString;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.UUID;

/** The production {@link RelayTap}: looks at nothing and forwards every payload untouched. Stateless. */
@Singleton
@Secondary
public class NoRelayTap implements RelayTap {

    @Override
    public ByteString onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        // The same instance, not a copy: the relay keeps no record of what it forwards and changes nothing.
        return payload;
    }
}
