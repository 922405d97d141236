package io.sealift.control.relay;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.proto.v1.RelayFrame;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent's relay stream, from the server's side: its first frame ({@code open}), then, once
 * paired, every frame goes to its {@link RelayPair}.
 *
 * <p>Inbound flow control is manual: nothing is delivered unless {@link #request()} asked for
 * it, so an agent can only send as fast as its peer reads. Thread-safe: inbound events arrive one
 * at a time (gRPC serializes them per call); sends and the close may come from the peer's
 * thread, a timer or an event, so they are serialized here and nothing is sent after the close.
 */
final class RelayStream implements StreamObserver<RelayFrame> {
    private final AuthenticatedAgent caller;
    private final ServerCallStreamObserver<RelayFrame> call;
    private final Relay relay;
    private final AtomicBoolean openReceived = new AtomicBoolean();
    private volatile RelayPair pair;
    private boolean outboundOpen = true;

    /** Takes over {@code call}'s flow control; must run in the service method, before it returns. */
    RelayStream(AuthenticatedAgent caller, ServerCallStreamObserver<RelayFrame> call, Relay relay) {
        this.caller = caller;
        this.call = call;
        this.relay = relay;
        call.disableAutoRequest();
        call.setOnReadyHandler(this::onReady);
        call.setOnCancelHandler(this::onCancel);
        call.request(1);
    }

    /** Returns the agent of the stream's certificate. */
    AuthenticatedAgent caller() {
        return caller;
    }

    /** Makes {@code paired} the receiver of this stream's frames. */
    void pairedWith(RelayPair paired) {
        this.pair = paired;
    }

    @Override
    public void onNext(RelayFrame frame) {
        RelayPair current = pair;
        if (current != null) {
            current.received(this, frame);
        } else if (!openReceived.compareAndSet(false, true) || !frame.hasOpen()) {
            close(Status.INVALID_ARGUMENT.withDescription("the first frame on a relay stream must be open"));
            relay.abandoned(this);
        } else {
            relay.opened(this, frame.getOpen());
        }
    }

    @Override
    public void onError(Throwable error) {
        ended();
    }

    @Override
    public void onCompleted() {
        RelayPair current = pair;
        if (current != null) {
            current.halfClosed(this);
        } else {
            relay.abandoned(this);
            close(Status.OK);
        }
    }

    private void onCancel() {
        synchronized (this) {
            outboundOpen = false;
        }
        ended();
    }

    private void ended() {
        RelayPair current = pair;
        if (current != null) {
            current.aborted(this);
        } else {
            relay.abandoned(this);
        }
    }

    private void onReady() {
        RelayPair current = pair;
        if (current != null) {
            current.readyToSend(this);
        }
    }

    /** Asks gRPC for the stream's next inbound frame. */
    void request() {
        call.request(1);
    }

    /** Returns whether a frame sent now would go out without queueing beyond gRPC's small buffer. */
    boolean isReady() {
        return call.isReady();
    }

    /** Sends {@code frame}; returns false if the stream is closed or the send failed. */
    synchronized boolean send(RelayFrame frame) {
        if (!outboundOpen) {
            return false;
        }
        try {
            call.onNext(frame);
            return true;
        } catch (RuntimeException e) {
            outboundOpen = false;
            return false;
        }
    }

    /** Ends the call with {@code status} (OK completes it); does nothing if it already ended. */
    synchronized void close(Status status) {
        if (!outboundOpen) {
            return;
        }
        outboundOpen = false;
        try {
            if (status.isOk()) {
                call.onCompleted();
            } else {
                call.onError(status.asRuntimeException());
            }
        } catch (RuntimeException e) {
            // Cancelled concurrently: closed either way.
        }
    }
}
