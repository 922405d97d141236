package io.sealift.control.jobs;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An agent's signed receipt for one session of a job, as stored: exactly the bytes it signed and
 * its signature, so an auditor can re-verify them without trusting the control plane.
 *
 * @param id the job, session and role
 * @param agentId the agent that sent it (from its certificate)
 * @param receipt a serialized {@code sealift.v1.Receipt}
 * @param signature the agent's Ed25519 signature over {@code receipt}
 * @param verified whether the signature held against the agent's stored identity key and the
 *     receipt named this job, session, agent and role
 * @param receivedAt when it arrived
 */
@MappedEntity("job_receipt")
public record JobReceipt(
        @EmbeddedId Key id,
        UUID agentId,
        byte[] receipt,
        byte[] signature,
        boolean verified,
        Instant receivedAt) {

    /**
     * The receipt's composite key.
     *
     * @param jobId the job
     * @param session the session it covers
     * @param role {@code source} or {@code target}
     */
    @Embeddable
    public record Key(
            @MappedProperty("job_id") UUID jobId,
            @MappedProperty("session") long session,
            @MappedProperty("role") String role) {
    }
}
