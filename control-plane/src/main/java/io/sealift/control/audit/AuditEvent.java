package io.sealift.control.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored audit record. Metadata only: ids, actions and outcomes; never a secret, a path or
 * a file name.
 *
 * @param seq the record's position in the log, from 1, without gaps
 * @param occurredAt when it happened (UTC)
 * @param tenantId the tenant concerned, or {@code null} for platform-wide events
 * @param actor who acted: {@code token:<id>}, {@code agent:<id>}, {@code anonymous} or
 *     {@code system}
 * @param action what was done, e.g. {@code tenant.create}
 * @param target what it was done to, e.g. {@code tenant:<id>}
 * @param outcome {@code success}, {@code denied}, {@code failure} ...
 * @param correlationId the request's correlation id, also returned in {@code X-Correlation-Id}
 * @param details further metadata as a JSON object, or {@code null}
 */
@MappedEntity("audit_event")
public record AuditEvent(
        @Id Long seq,
        Instant occurredAt,
        @Nullable UUID tenantId,
        String actor,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String correlationId,
        @Nullable String details) {
}
