package io.sealift.control.grpc.control;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.control.config.SealiftSettings;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.grpc.internal.AuditRecorder;
import io.sealift.control.grpc.internal.GrpcExecutors;
import io.sealift.control.grpc.internal.UnaryReplies;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.GetPeerKeysRequest;
import io.sealift.proto.v1.GetPeerKeysResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code sealift.v1.AgentControl}: translates calls to {@link ControlStream} and {@link PeerKeys}.
 * The caller is always the agent of the client certificate ({@link AuthenticatedAgent#current()}).
 */
@Singleton
public class AgentControlService extends AgentControlGrpc.AgentControlImplBase {
    private final StreamDependencies deps;
    private final PeerKeys peerKeys;

    /** Creates the service. */
    public AgentControlService(PresenceRecorder presence, AgentConnections connections,
            List<ControlStreamListener> listeners, AuditRecorder audit,
            @Named(GrpcExecutors.SCHEDULER) ScheduledExecutorService scheduler, Clock clock,
            SealiftSettings settings, PeerKeys peerKeys) {
        this.deps = new StreamDependencies(presence, connections, new ControlStreamListeners(listeners), audit,
                scheduler, clock, settings.grpc().heartbeatInterval());
        this.peerKeys = peerKeys;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ControlMessage> responses) {
        AuthenticatedAgent agent;
        try {
            agent = AuthenticatedAgent.current();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return new NoMoreMessages();
        }
        return ControlStream.open(agent, (ServerCallStreamObserver<ControlMessage>) responses, deps);
    }

    @Override
    public void getPeerKeys(GetPeerKeysRequest request, StreamObserver<GetPeerKeysResponse> responses) {
        UnaryReplies.reply(responses, () -> peerKeys.lookUp(AuthenticatedAgent.current(), request));
    }

    /** Ignores the messages of a call that was already closed. */
    private static final class NoMoreMessages implements StreamObserver<AgentMessage> {
        @Override
        public void onNext(AgentMessage value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
