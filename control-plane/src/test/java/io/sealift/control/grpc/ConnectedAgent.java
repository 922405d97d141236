package io.sealift.control.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Heartbeat;
import io.sealift.proto.v1.Hello;
import io.sealift.proto.v1.JobAssignment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * An enrolled {@link TestAgent} with a mutual-TLS channel to the real gRPC server and, once
 * {@link #connect connected}, a control stream that said Hello and was welcomed.
 */
public final class ConnectedAgent implements AutoCloseable {
    private final UUID id;
    private final TestAgent keys;
    private final ManagedChannel channel;
    private final Deque<ControlMessage> stashed = new ArrayDeque<>();
    private RecordingObserver<ControlMessage> received;
    private StreamObserver<AgentMessage> send;
    private long heartbeats;

    private ConnectedAgent(UUID id, TestAgent keys, ManagedChannel channel) {
        this.id = id;
        this.keys = keys;
        this.channel = channel;
    }

    /** Enrolls a fresh agent in {@code tenantId} and opens its mutual-TLS channel. */
    public static ConnectedAgent enroll(AgentGrpcServer server, CertificateAuthority ca, StoreFixtures store,
            UUID tenantId) {
        TestAgent agent = TestAgent.generate();
        ManagedChannel anonymous = TestChannels.anonymous(server.port(), ca.certificate());
        try {
            UUID id = UUID.fromString(agent.enroll(anonymous, store.token(tenantId).value(), ca.fingerprint())
                    .getAgentId());
            return new ConnectedAgent(id, agent, agent.channel(server.port(), ca.certificate()));
        } finally {
            anonymous.shutdownNow();
        }
    }

    /**
     * Returns this agent, enrolled as before, with a new mutual-TLS channel to {@code server}
     * (e.g. a restarted control plane on the same data directory); this one's channel is closed.
     */
    public ConnectedAgent reopen(AgentGrpcServer server, CertificateAuthority ca) {
        close();
        return new ConnectedAgent(id, keys, keys.channel(server.port(), ca.certificate()));
    }

    /** Returns the agent's id. */
    public UUID id() {
        return id;
    }

    /** Returns its keys, to sign receipts. */
    public TestAgent keys() {
        return keys;
    }

    /** Returns its mutual-TLS channel. */
    public ManagedChannel channel() {
        return channel;
    }

    /** Opens a control stream declaring these endpoint names and waits for Welcome. */
    public ConnectedAgent connect(List<String> sources, List<String> targets) {
        return connect(sources, targets, List.of());
    }

    /** Opens a control stream declaring endpoint names and jobs it holds state for, and waits for Welcome. */
    public ConnectedAgent connect(List<String> sources, List<String> targets, List<String> activeJobIds) {
        stashed.clear();
        received = new RecordingObserver<>();
        send = AgentControlGrpc.newStub(channel).connect(received);
        send.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setVersion("test")
                .addAllSourceNames(sources).addAllTargetNames(targets).addAllActiveJobIds(activeJobIds)).build());
        assertTrue(received.next().hasWelcome(), "Welcome expected first");
        return this;
    }

    /** Sends {@code message} on the control stream. */
    public void send(AgentMessage message) {
        send.onNext(message);
    }

    /**
     * Waits until the server has handled everything sent so far: messages on a stream are handled
     * in order, so once a heartbeat sent now is acknowledged, all earlier ones were. Messages that
     * arrive meanwhile are kept for {@link #next()}.
     */
    public void sync() {
        long sequence = ++heartbeats;
        send.onNext(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(sequence)).build());
        while (true) {
            ControlMessage message = received.next();
            if (message.hasHeartbeatAck() && message.getHeartbeatAck().getSequence() == sequence) {
                return;
            }
            stashed.add(message);
        }
    }

    /** Returns the next control message other than a heartbeat ack, waiting up to ten seconds. */
    public ControlMessage next() {
        while (true) {
            ControlMessage message = stashed.isEmpty() ? received.next() : stashed.poll();
            if (!message.hasHeartbeatAck()) {
                return message;
            }
        }
    }

    /** Returns the next message, which must be a job assignment. */
    public JobAssignment nextAssignment() {
        ControlMessage message = next();
        assertTrue(message.hasAssignment(), () -> "expected an assignment, got " + message);
        return message.getAssignment();
    }

    /** Returns whether a message other than a heartbeat ack is waiting, after a {@link #sync()}. */
    public boolean hasPending() {
        return stashed.stream().anyMatch(m -> !m.hasHeartbeatAck());
    }

    /** Cancels the control stream, as a crashing agent would, and waits for it to end. */
    public void disconnect() {
        ((ClientCallStreamObserver<AgentMessage>) send).cancel("test disconnects", null);
        received.end();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
