package io.sealift.control.testing;

import io.micronaut.context.event.ApplicationEventListener;
import io.sealift.control.agents.AgentRevokedEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every {@link AgentRevokedEvent} published in a test's application context. */
@Singleton
public class RecordingRevocationListener implements ApplicationEventListener<AgentRevokedEvent> {
    private final List<UUID> revoked = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(AgentRevokedEvent event) {
        revoked.add(event.agentId());
    }

    /** Returns the ids of the agents whose revocation was published, in order. */
    public List<UUID> revokedAgentIds() {
        return List.copyOf(revoked);
    }
}
