package io.sealift.control.grpc.control;

import io.micronaut.context.annotation.Secondary;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.Hello;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link ControlStreamListener} until jobs exist: logs message kinds at debug. Stateless. */
@Singleton
@Secondary
public class LoggingControlStreamListener implements ControlStreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingControlStreamListener.class);

    @Override
    public void opened(AuthenticatedAgent agent, Hello hello) {
        LOG.debug("agent {} opened a control stream with {} active jobs", agent.agentId(), hello.getActiveJobIdsCount());
    }

    @Override
    public void received(AuthenticatedAgent agent, AgentMessage message) {
        LOG.debug("agent {} sent {}, ignored until jobs exist", agent.agentId(), message.getKindCase());
    }

    @Override
    public void closed(AuthenticatedAgent agent) {
        LOG.debug("agent {} closed its control stream", agent.agentId());
    }
}
