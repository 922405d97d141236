package io.sealift.agent.transfer.relay;

import io.grpc.ManagedChannel;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferChannels;
import io.sealift.proto.v1.ErrorCode;
import java.util.function.Supplier;

/**
 * Opens transfer channels through the control plane's relay, each on a fresh mutual-TLS
 * connection of its own: a transfer's flow-control windows then never hold up the control
 * stream, and ending the transfer closes the connection. Thread-safe.
 */
public final class RelayTransport implements TransferChannels {
    private final Supplier<ManagedChannel> channels;

    /** Creates the transport; {@code channels} makes a new channel to the control plane per call. */
    public RelayTransport(Supplier<ManagedChannel> channels) {
        this.channels = channels;
    }

    @Override
    public TransferChannel open(String jobId, long session) throws TransferException {
        ManagedChannel channel;
        try {
            channel = channels.get();
        } catch (RuntimeException e) {
            throw new TransferException(ErrorCode.CONNECTION_LOST, "cannot set up a channel to the relay: " + e, e);
        }
        RelayChannel relay = RelayChannel.open(channel, jobId, session);
        relay.whenEnded(channel::shutdownNow);
        return relay;
    }
}
