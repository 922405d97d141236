package io.sealift.agent.transfer.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ReceiverStatus;
import io.sealift.proto.v1.TransferMessage;
import java.io.IOException;
import java.time.Duration;

/** Reads and writes {@code TransferMessage}s on a {@link TransferChannel}. Stateless. */
final class TransferMessages {
    private TransferMessages() {
    }

    /**
     * Waits up to {@code timeout} for the next message and parses it; byte fields alias the
     * received buffer rather than copying it.
     *
     * @param malformed the code for a message that does not parse
     */
    static TransferMessage receive(TransferChannel channel, Duration timeout, ErrorCode malformed)
            throws TransferException, InterruptedException {
        ByteString payload = channel.receive(timeout).orElseThrow(() -> new TransferException(
                ErrorCode.CONNECTION_LOST, "nothing from the peer for " + timeout));
        return parse(payload, malformed);
    }

    static TransferMessage parse(ByteString payload, ErrorCode malformed) throws TransferException {
        try {
            CodedInputStream input = payload.newCodedInput();
            input.enableAliasing(true);
            return TransferMessage.parseFrom(input);
        } catch (IOException e) {
            throw new TransferException(malformed, "a message from the peer does not parse");
        }
    }

    static ByteString status(ReceiverStatus.State state, ErrorCode error) {
        return TransferMessage.newBuilder()
                .setStatus(ReceiverStatus.newBuilder().setState(state).setError(error))
                .build()
                .toByteString();
    }
}
