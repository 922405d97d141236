package io.sealift.control.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An audit record to append, before it has a sequence number and a time.
 *
 * <p>Immutable. {@code details} must hold metadata only: ids, counts, codes. Never a secret.
 * {@link AuditLog#record} refuses an entry whose parts exceed what the store keeps or whose
 * details keys are not 1 to 64 characters of {@code [A-Za-z0-9._-]}; values may be null.
 *
 * @param tenantId the tenant concerned, or {@code null} for platform-wide events
 * @param actor who acted, e.g. {@code token:<id>}
 * @param action what was done, e.g. {@code tenant.create}
 * @param target what it was done to, or {@code null}
 * @param outcome {@code success}, {@code denied}, {@code failure} ...
 * @param correlationId the request's correlation id, or {@code null}
 * @param details further metadata, sorted by key
 */
public record AuditEntry(
        @Nullable UUID tenantId,
        String actor,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String correlationId,
        Map<String, String> details) {

    /** Validates the required parts and copies {@code details} into a sorted, immutable map. */
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** Returns an entry without details. */
    public static AuditEntry of(@Nullable UUID tenantId, String actor, String action, @Nullable String target,
            String outcome, @Nullable String correlationId) {
        return new AuditEntry(tenantId, actor, action, target, outcome, correlationId, Map.of());
    }
}
