package io.sealift.agent.control;

import io.sealift.proto.v1.AgentMessage;

/** The agent's side of one open control stream, for sending progress and results. */
@FunctionalInterface
public interface ControlStream {
    /**
     * Sends {@code message} to the control plane. Thread-safe; dropped once the stream has ended.
     *
     * @return whether the message was handed to gRPC (not whether it was delivered); false if the
     *     stream had ended, so the caller can keep it for the next stream
     */
    boolean send(AgentMessage message);
}
