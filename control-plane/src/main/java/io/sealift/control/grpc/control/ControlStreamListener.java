package io.sealift.control.grpc.control;

import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.Hello;

/**
 * Hears what happens on agents' control streams: the seam for job scheduling.
 *
 * <p>Implementations must be thread-safe and return quickly: they run on gRPC threads, and calls
 * for one stream arrive in order. Exceptions are logged and otherwise ignored. Every bean of this
 * type hears every event (the jobs' {@code JobControlListener} in production).
 */
public interface ControlStreamListener {

    /** Called after {@code agent} was welcomed on a new stream; {@code hello} is validated. */
    void opened(AuthenticatedAgent agent, Hello hello);

    /** Called for each message other than Hello and Heartbeat (JobProgress, JobResult). */
    void received(AuthenticatedAgent agent, AgentMessage message);

    /** Called when the agent's current stream ended (not when a newer stream replaced it). */
    void closed(AuthenticatedAgent agent);
}
