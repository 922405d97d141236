package io.sealift.control.grpc.control;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.sealift.proto.v1.ControlMessage;

/**
 * The sending half of a control stream. Thread-safe: {@link io.grpc.stub.StreamObserver} is not,
 * and replies, job assignments, liveness checks and revocations all send from their own threads,
 * so every send and the close are serialized here, and nothing is sent after the close.
 */
final class Outbound {
    private final ServerCallStreamObserver<ControlMessage> observer;
    private boolean open = true;

    /** Wraps {@code observer}; must run while the call is being started, to register the cancel handler. */
    Outbound(ServerCallStreamObserver<ControlMessage> observer) {
        this.observer = observer;
        observer.setOnCancelHandler(this::cancelled);
    }

    private synchronized void cancelled() {
        open = false;
    }

    /** Sends {@code message}; returns false if the stream is closed or the send failed. */
    synchronized boolean send(ControlMessage message) {
        if (!open) {
            return false;
        }
        try {
            observer.onNext(message);
            return true;
        } catch (RuntimeException e) {
            open = false;
            return false;
        }
    }

    /** Ends the stream with {@code status} (OK completes it); returns false if it was already closed. */
    synchronized boolean close(Status status) {
        if (!open) {
            return false;
        }
        open = false;
        try {
            if (status.isOk()) {
                observer.onCompleted();
            } else {
                observer.onError(status.asRuntimeException());
            }
        } catch (RuntimeException e) {
            // The call was cancelled concurrently: it is closed either way.
        }
        return true;
    }

    /** Returns whether the stream can still send. */
    synchronized boolean isOpen() {
        return open;
    }
}
