package io.sealift.control.grpc.control;

import io.grpc.Status;
import io.micronaut.runtime.event.annotation.EventListener;
import io.sealift.control.agents.AgentRevokedEvent;
import io.sealift.control.grpc.internal.GrpcExecutors;
import io.sealift.proto.v1.ControlMessage;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The registry of agents' live control streams on this replica: at most one per agent, the newest.
 *
 * <p>Thread-safe: call {@link #send} from any thread. A stream is listed from its Hello until it
 * ends; a newer stream of the same agent replaces (and closes) the older one. Closes every stream
 * of an agent on {@link AgentRevokedEvent}.
 */
@Singleton
public class AgentConnections {
    private final ConcurrentMap<UUID, ControlStream> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    /** Creates an empty registry. */
    public AgentConnections(@Named(GrpcExecutors.SCHEDULER) ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Returns whether {@code agentId} has a welcomed, open control stream on this replica. */
    public boolean isConnected(UUID agentId) {
        ControlStream stream = streams.get(agentId);
        return stream != null && stream.isLive();
    }

    /**
     * Sends {@code message} on the agent's current stream. Returns false, having sent nothing, if
     * the agent has no live stream here; true means the message was handed to gRPC, not that the
     * agent received it.
     */
    public boolean send(UUID agentId, ControlMessage message) {
        ControlStream stream = streams.get(agentId);
        return stream != null && stream.send(message);
    }

    /** Closes the agent's current stream with {@code status}, if it has one; returns whether it had. */
    public boolean disconnect(UUID agentId, Status status) {
        return close(agentId, status, "closed_by_control_plane");
    }

    /** Closes a revoked agent's stream with PERMISSION_DENIED, off the publisher's thread and transaction. */
    @EventListener
    void onAgentRevoked(AgentRevokedEvent event) {
        UUID agentId = event.agentId();
        scheduler.execute(() -> close(agentId,
                Status.PERMISSION_DENIED.withDescription("agent " + agentId + " is revoked"), "revoked"));
    }

    private boolean close(UUID agentId, Status status, String reason) {
        ControlStream stream = streams.get(agentId);
        if (stream == null) {
            return false;
        }
        stream.close(status, reason);
        return true;
    }

    /** Makes {@code stream} its agent's current stream, closing the one it replaces. */
    void register(ControlStream stream) {
        ControlStream previous = streams.put(stream.agent().agentId(), stream);
        if (previous != null && previous != stream) {
            previous.close(Status.CANCELLED.withDescription("replaced by a newer control stream of this agent"),
                    "replaced");
        }
    }

    /**
     * Removes {@code stream} if it is still its agent's current one, running {@code whileCurrent}
     * before anyone can register a newer stream, so the store never records a disconnect after a
     * newer connect. Returns whether it was current.
     */
    boolean unregister(ControlStream stream, Runnable whileCurrent) {
        boolean[] removed = {false};
        streams.computeIfPresent(stream.agent().agentId(), (id, current) -> {
            if (current != stream) {
                return current;
            }
            whileCurrent.run();
            removed[0] = true;
            return null;
        });
        return removed[0];
    }
}
