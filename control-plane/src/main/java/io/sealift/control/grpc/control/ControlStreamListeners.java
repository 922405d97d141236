package io.sealift.control.grpc.control;

import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.Hello;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every control-stream event to each {@link ControlStreamListener} bean in turn (the jobs,
 * and in tests a recorder), so one failing listener cannot keep the event from the others.
 * Immutable and thread-safe.
 */
final class ControlStreamListeners implements ControlStreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(ControlStreamListeners.class);

    private final List<ControlStreamListener> listeners;

    ControlStreamListeners(List<ControlStreamListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void opened(AuthenticatedAgent agent, Hello hello) {
        each(agent, listener -> listener.opened(agent, hello));
    }

    @Override
    public void received(AuthenticatedAgent agent, AgentMessage message) {
        each(agent, listener -> listener.received(agent, message));
    }

    @Override
    public void closed(AuthenticatedAgent agent) {
        each(agent, listener -> listener.closed(agent));
    }

    private void each(AuthenticatedAgent agent, Consumer<ControlStreamListener> call) {
        for (ControlStreamListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("control stream listener {} failed for agent {}", listener.getClass().getSimpleName(),
                        agent.agentId(), e);
            }
        }
    }
}
