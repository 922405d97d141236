package io.sealift.agent.transfer.relay;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferChannels;
import io.sealift.proto.v1.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens transfer channels through the control plane's relay, each on a fresh mutual-TLS
 * connection of its own: a transfer's flow-control windows then never hold up the control
 * stream, and ending the transfer closes the connection.
 *
 * <p>A connection must be ready (TCP connected, TLS handshake done) within the connect timeout
 * ({@link #CONNECT_TIMEOUT} in production), or {@link #open} fails with {@code CONNECTION_LOST}:
 * gRPC's keepalive watches a connection only once its handshake is done, and a relay stream on a
 * connection that never gets there would wait for it without end. Thread-safe.
 */
public final class RelayTransport implements TransferChannels {
    /** How long a relay connection may take to connect and finish its TLS handshake. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<ManagedChannel> channels;
    private final Duration connectTimeout;

    /** Creates the transport; {@code channels} makes a new channel to the control plane per call. */
    public RelayTransport(Supplier<ManagedChannel> channels) {
        this(channels, CONNECT_TIMEOUT);
    }

    /** Creates the transport with another connect timeout (for tests). */
    RelayTransport(Supplier<ManagedChannel> channels, Duration connectTimeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, not " + connectTimeout);
        }
        this.channels = channels;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public TransferChannel open(String jobId, long session) throws TransferException {
        ManagedChannel channel;
        try {
            channel = channels.get();
        } catch (RuntimeException e) {
            throw new TransferException(ErrorCode.CONNECTION_LOST, "cannot set up a channel to the relay: " + e, e);
        }
        try {
            awaitReady(channel);
        } catch (TransferException e) {
            channel.shutdownNow();
            throw e;
        }
        RelayChannel relay = RelayChannel.open(channel, jobId, session);
        relay.whenEnded(channel::shutdownNow);
        return relay;
    }

    /** Connects {@code channel} and waits until it is ready, it fails, or the connect timeout passes. */
    private void awaitReady(ManagedChannel channel) throws TransferException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) {
                throw new TransferException(ErrorCode.CONNECTION_LOST, "cannot connect to the relay (" + state + ")");
            }
            if (!awaitChange(channel, state, deadline - System.nanoTime())) {
                throw new TransferException(ErrorCode.CONNECTION_LOST, "the connection to the relay was not ready within "
                        + connectTimeout.toMillis() + " ms (connect and TLS handshake)");
            }
            state = channel.getState(true);
        }
    }

    private static boolean awaitChange(ManagedChannel channel, ConnectivityState from, long nanos)
            throws TransferException {
        CountDownLatch changed = new CountDownLatch(1);
        channel.notifyWhenStateChanged(from, changed::countDown);
        try {
            return nanos > 0 && changed.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(ErrorCode.CONNECTION_LOST, "interrupted while connecting to the relay", e);
        }
    }
}
