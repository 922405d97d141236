package io.sealift.agent.testing;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.proto.v1.RelayFrame;
import io.sealift.proto.v1.RelayGrpc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay for agent tests, behaving as the control plane's must: the first frame of each stream
 * is {@code open}; two streams with the same (job, session) are paired; payloads are forwarded
 * in order with flow control (the next message is requested from one side only while the other
 * side can take more); a side's half-close is remembered, and both calls complete with OK once
 * both sides have half-closed; a side that fails or cancels takes the other down with CANCELLED.
 * It records every payload it forwards (a test hook, never shipped).
 */
public final class TestRelay extends RelayGrpc.RelayImplBase {
    /** Every payload forwarded, in order. */
    public final List<ByteString> forwarded = new CopyOnWriteArrayList<>();
    private final Map<String, Side> waiting = new HashMap<>();

    @Override
    public StreamObserver<RelayFrame> transfer(StreamObserver<RelayFrame> responses) {
        ServerCallStreamObserver<RelayFrame> out = (ServerCallStreamObserver<RelayFrame>) responses;
        out.disableAutoRequest();
        Side side = new Side(out);
        out.setOnReadyHandler(side::peerMayTakeMore);
        out.setOnCancelHandler(side::cancelled);
        out.request(1);
        return side;
    }

    private synchronized void pair(Side side, String key) {
        Side other = waiting.remove(key);
        if (other == null) {
            waiting.put(key, side);
            return;
        }
        Object lock = new Object();
        side.link(other, lock);
        other.link(side, lock);
        side.out.request(1);
        other.out.request(1);
    }

    private final class Side implements StreamObserver<RelayFrame> {
        private final ServerCallStreamObserver<RelayFrame> out;
        private Object lock = this;
        private Side peer;
        private String key;
        private boolean halfClosed;
        private boolean wantsMore;
        private boolean done;

        Side(ServerCallStreamObserver<RelayFrame> out) {
            this.out = out;
        }

        void link(Side other, Object pairLock) {
            this.peer = other;
            this.lock = pairLock;
        }

        @Override
        public void onNext(RelayFrame frame) {
            if (key == null) {
                if (!frame.hasOpen()) {
                    out.onError(Status.INVALID_ARGUMENT.withDescription("the first frame must be open").asRuntimeException());
                    return;
                }
                key = frame.getOpen().getJobId() + "/" + frame.getOpen().getSession();
                pair(this, key);
                return;
            }
            synchronized (lock) {
                if (done || peer == null || peer.done) {
                    return;
                }
                forwarded.add(frame.getPayload());
                peer.out.onNext(frame);
                if (peer.out.isReady()) {
                    out.request(1);
                } else {
                    wantsMore = true;
                }
            }
        }

        /** The peer's outbound buffer drained: this side's next message may come. */
        void peerMayTakeMore() {
            Side other = peer;
            if (other == null) {
                return;
            }
            synchronized (lock) {
                if (other.wantsMore && !other.done) {
                    other.wantsMore = false;
                    other.out.request(1);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            cancelled();
        }

        void cancelled() {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                if (peer != null && !peer.done) {
                    peer.done = true;
                    peer.out.onError(Status.CANCELLED.withDescription("the peer left the transfer").asRuntimeException());
                }
            }
            synchronized (TestRelay.this) {
                if (key != null) {
                    waiting.remove(key, this);
                }
            }
        }

        @Override
        public void onCompleted() {
            synchronized (lock) {
                halfClosed = true;
                if (peer != null && peer.halfClosed && !done) {
                    done = true;
                    peer.done = true;
                    out.onCompleted();
                    peer.out.onCompleted();
                }
            }
        }
    }
}
