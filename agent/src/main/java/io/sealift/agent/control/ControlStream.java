package io.sealift.agent.control;

import io.sealift.proto.v1.AgentMessage;

/** The agent's side of one open control stream, for sending progress and results. */
@FunctionalInterface
public interface ControlStream {
    /**
     * Sends {@code message} to the control plane. Thread-safe; silently dropped once the stream
     * has ended (the job's state is reported again after the reconnect).
     */
    void send(AgentMessage message);
}
