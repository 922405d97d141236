package io.sealift.control.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled agent, as stored. Holds public keys only.
 *
 * @param id the agent's id, also its certificate's subject CN
 * @param tenantId the tenant it belongs to
 * @param name its display name
 * @param fingerprint {@code sha256:<hex>} of its raw Ed25519 identity public key
 * @param keyBundle its serialized {@code sealift.v1.AgentKeyBundle} (public keys)
 * @param keyBundleSignature its identity key's signature over {@code keyBundle}
 * @param certSerial the serial number of its client certificate, lowercase hex
 * @param certNotAfter when that certificate expires
 * @param version the software version it last reported
 * @param enrolledAt when it enrolled
 * @param connected whether a control stream was open when last recorded
 * @param lastSeen when it last sent anything on its control stream
 * @param revokedAt when it was revoked, or {@code null}
 */
@MappedEntity("agent")
public record Agent(
        @Id UUID id,
        UUID tenantId,
        String name,
        String fingerprint,
        byte[] keyBundle,
        byte[] keyBundleSignature,
        String certSerial,
        Instant certNotAfter,
        @Nullable String version,
        Instant enrolledAt,
        boolean connected,
        @Nullable Instant lastSeen,
        @Nullable Instant revokedAt) {
}
