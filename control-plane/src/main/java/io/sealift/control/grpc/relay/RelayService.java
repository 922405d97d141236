package io.sealift.control.grpc.relay;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.relay.Relay;
import io.sealift.proto.v1.RelayFrame;
import io.sealift.proto.v1.RelayGrpc;
import jakarta.inject.Singleton;

/**
 * {@code sealift.v1.Relay}: hands each {@code Transfer} call to the {@link Relay}. The caller is
 * always the agent of the client certificate ({@link AuthenticatedAgent#current()}).
 */
@Singleton
public class RelayService extends RelayGrpc.RelayImplBase {
    private final Relay relay;

    /** Creates the service. */
    public RelayService(Relay relay) {
        this.relay = relay;
    }

    @Override
    public StreamObserver<RelayFrame> transfer(StreamObserver<RelayFrame> responses) {
        AuthenticatedAgent agent;
        try {
            agent = AuthenticatedAgent.current();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return new NoMoreFrames();
        }
        return relay.accept(agent, (ServerCallStreamObserver<RelayFrame>) responses);
    }

    /** Ignores the frames of a call that was already closed. */
    private static final class NoMoreFrames implements StreamObserver<RelayFrame> {
        @Override
        public void onNext(RelayFrame value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
