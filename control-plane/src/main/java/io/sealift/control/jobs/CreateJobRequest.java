package io.sealift.control.jobs;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/tenants/{tenantId}/jobs}.
 *
 * @param source the agent that reads and the name of one of its declared source endpoints
 * @param target the agent that writes and the name of one of its declared target endpoints
 */
@Serdeable
public record CreateJobRequest(@NotNull @Valid EndpointRef source, @NotNull @Valid EndpointRef target) {

    /** The rule every endpoint name follows, as agents declare them. */
    static final String NAME_RULE = "must match [a-z0-9][a-z0-9._-]{0,62}";

    /**
     * One side of a job: an agent and an endpoint name it declared. Never a path.
     *
     * @param agent the agent's id
     * @param endpoint the endpoint's name in that agent's config
     */
    @Serdeable
    public record EndpointRef(
            @NotNull UUID agent,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,62}", message = NAME_RULE) String endpoint) {
    }
}
