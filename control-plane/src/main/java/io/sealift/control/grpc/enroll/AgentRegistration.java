package io.sealift.control.grpc.enroll;

import io.micronaut.transaction.annotation.Transactional;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.enrollment.EnrollmentTokenRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/**
 * Consumes an enrollment token and stores the new agent in one transaction: either both happen
 * or neither does. Thread-safe; two agents racing with one token cannot both succeed, since
 * {@link EnrollmentTokenRepository#consume} changes the row only while it is still unused.
 */
@Singleton
public class AgentRegistration {
    private final EnrollmentTokenRepository tokens;
    private final AgentRepository agents;

    /** Creates the registration over its repositories. */
    public AgentRegistration(EnrollmentTokenRepository tokens, AgentRepository agents) {
        this.tokens = tokens;
        this.agents = agents;
    }

    /**
     * Consumes token {@code tokenId} for {@code agent} and inserts the agent.
     *
     * @return false, with nothing written, if the token could not be consumed (used, revoked or
     *     expired by now)
     * @throws io.micronaut.data.exceptions.DataAccessException if the insert fails, e.g. on a
     *     duplicate identity-key fingerprint; the transaction is rolled back, the token unused
     */
    @Transactional
    public boolean register(UUID tokenId, Agent agent, Instant now) {
        if (tokens.consume(tokenId, agent.id(), now) != 1) {
            return false;
        }
        agents.save(agent);
        return true;
    }
}
