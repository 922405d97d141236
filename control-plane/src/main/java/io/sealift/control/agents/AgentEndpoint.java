package io.sealift.control.agents;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/**
 * An endpoint name an agent declared in its last Hello: a name, never a path.
 *
 * @param id the agent, the kind ({@code source} or {@code target}) and the name
 */
@MappedEntity("agent_endpoint")
public record AgentEndpoint(@EmbeddedId Key id) {

    /**
     * The endpoint's composite key.
     *
     * @param agentId the agent that declared it
     * @param kind {@code source} or {@code target}
     * @param name the endpoint's name in the agent's config
     */
    @Embeddable
    public record Key(
            @MappedProperty("agent_id") UUID agentId,
            @MappedProperty("kind") String kind,
            @MappedProperty("name") String name) {
    }
}
