package io.sealift.control.grpc.control;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.grpc.control.HelloValidator.ValidHello;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Heartbeat;
import io.sealift.proto.v1.HeartbeatAck;
import io.sealift.proto.v1.Hello;
import io.sealift.proto.v1.Welcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's control stream, from the server's side: Hello, then Welcome; heartbeats, each
 * acknowledged; job messages handed to the {@link ControlStreamListener}; the end recorded once.
 *
 * <p>Thread-safe. gRPC delivers inbound messages one at a time; sends and closes may come from any
 * thread and go through {@link Outbound}. The stream ends when the agent ends it, when it sends
 * something it must not, when it stays silent for three heartbeat intervals
 * (DEADLINE_EXCEEDED), when a newer stream of the same agent replaces it (CANCELLED) or when the
 * agent is revoked (PERMISSION_DENIED).
 */
final class ControlStream implements StreamObserver<AgentMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ControlStream.class);

    private final AuthenticatedAgent agent;
    private final Outbound out;
    private final StreamDependencies deps;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Instant lastReceived;
    private volatile boolean welcomed;
    private volatile boolean registered;
    private volatile ScheduledFuture<?> livenessCheck;

    private ControlStream(AuthenticatedAgent agent, ServerCallStreamObserver<ControlMessage> observer,
            StreamDependencies deps) {
        this.agent = agent;
        this.out = new Outbound(observer);
        this.deps = deps;
        this.lastReceived = deps.clock().instant();
    }

    /** Opens a stream for {@code agent} and starts its liveness checks. */
    static ControlStream open(AuthenticatedAgent agent, ServerCallStreamObserver<ControlMessage> observer,
            StreamDependencies deps) {
        ControlStream stream = new ControlStream(agent, observer, deps);
        long period = deps.heartbeatInterval().toMillis();
        stream.livenessCheck = deps.scheduler()
                .scheduleAtFixedRate(stream::checkLiveness, period, period, TimeUnit.MILLISECONDS);
        return stream;
    }

    /** Returns the agent this stream belongs to. */
    AuthenticatedAgent agent() {
        return agent;
    }

    /** Returns whether the agent was welcomed and the stream can still send. */
    boolean isLive() {
        return welcomed && out.isOpen();
    }

    /** Sends {@code message} once the agent was welcomed; returns false if it was not sent. */
    boolean send(ControlMessage message) {
        return welcomed && out.send(message);
    }

    /** Ends the stream with {@code status}; {@code reason} is the audit record's reason code. */
    void close(Status status, String reason) {
        out.close(status);
        end(reason);
    }

    @Override
    public void onNext(AgentMessage message) {
        if (ended.get()) {
            return;
        }
        lastReceived = deps.clock().instant();
        if (!welcomed && message.getKindCase() != AgentMessage.KindCase.HELLO) {
            close(Status.FAILED_PRECONDITION.withDescription("the first message on a control stream must be Hello"),
                    "protocol_error");
            return;
        }
        try {
            dispatch(message);
        } catch (RuntimeException e) {
            LOG.error("cannot handle a message on agent {}'s control stream", agent.agentId(), e);
            close(Status.INTERNAL.withDescription("internal error; see the control plane's log"), "error");
        }
    }

    private void dispatch(AgentMessage message) {
        switch (message.getKindCase()) {
            case HELLO -> hello(message.getHello());
            case HEARTBEAT -> heartbeat(message.getHeartbeat());
            case KIND_NOT_SET -> LOG.debug("agent {} sent a message of a kind this version does not know",
                    agent.agentId());
            default -> notifyListener(() -> deps.listener().received(agent, message));
        }
    }

    private void hello(Hello hello) {
        if (welcomed) {
            close(Status.FAILED_PRECONDITION.withDescription("Hello was already received on this stream"),
                    "protocol_error");
            return;
        }
        ValidHello valid;
        try {
            valid = HelloValidator.validate(hello);
        } catch (StatusException e) {
            close(e.getStatus(), "invalid_hello");
            return;
        }
        welcome(valid, hello);
    }

    private void welcome(ValidHello valid, Hello hello) {
        registered = true;
        deps.connections().register(this);
        deps.presence().connected(agent.agentId(), valid.version(), valid.sources(), valid.targets(),
                deps.clock().instant());
        deps.audit().record(AuditEntry.of(agent.tenantId(), agent.actor(), "agent.connect",
                "agent:" + agent.agentId(), "success", null));
        welcomed = true;
        out.send(ControlMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setAgentId(agent.agentId().toString())
                .setHeartbeatIntervalSeconds(deps.heartbeatSeconds())).build());
        notifyListener(() -> deps.listener().opened(agent, hello));
        if (ended.get()) {
            deps.connections().unregister(this, () -> deps.presence().disconnected(agent.agentId(),
                    deps.clock().instant()));
        }
    }

    private void heartbeat(Heartbeat heartbeat) {
        if (!deps.presence().heartbeat(agent.agentId(), deps.clock().instant())) {
            close(Status.PERMISSION_DENIED.withDescription("agent " + agent.agentId() + " is revoked"), "revoked");
            return;
        }
        out.send(ControlMessage.newBuilder()
                .setHeartbeatAck(HeartbeatAck.newBuilder().setSequence(heartbeat.getSequence())).build());
    }

    @Override
    public void onError(Throwable error) {
        end(Status.fromThrowable(error).getCode() == Status.Code.CANCELLED ? "cancelled" : "error");
    }

    @Override
    public void onCompleted() {
        close(Status.OK, "closed");
    }

    private void checkLiveness() {
        Duration silent = Duration.between(lastReceived, deps.clock().instant());
        if (silent.compareTo(deps.livenessTimeout()) > 0) {
            close(Status.DEADLINE_EXCEEDED.withDescription("no message from the agent for "
                    + deps.livenessTimeout().toMillis() + " ms (3 heartbeat intervals)"), "silent");
        }
    }

    private void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> check = livenessCheck;
        if (check != null) {
            check.cancel(false);
        }
        if (!registered) {
            return;
        }
        try {
            recordEnd(reason);
        } catch (RuntimeException e) {
            LOG.error("cannot record the end of agent {}'s control stream", agent.agentId(), e);
        }
    }

    private void recordEnd(String reason) {
        boolean current = deps.connections().unregister(this,
                () -> deps.presence().disconnected(agent.agentId(), deps.clock().instant()));
        deps.audit().record(new AuditEntry(agent.tenantId(), agent.actor(), "agent.disconnect",
                "agent:" + agent.agentId(), "success", null, Map.of("reason", reason)));
        if (current) {
            notifyListener(() -> deps.listener().closed(agent));
        }
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("a control stream listener failed for agent {}", agent.agentId(), e);
        }
    }
}
