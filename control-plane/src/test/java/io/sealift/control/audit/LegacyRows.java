package io.sealift.control.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Writes audit rows the way the control plane did before the hash chain existed (no chain columns). */
final class LegacyRows {
    private LegacyRows() {
    }

    static void insert(Map<String, String> properties, long seq, UUID tenant, String action) {
        TestDatabase.execute(properties, "INSERT INTO audit_event (seq, occurred_at, tenant_id, actor, action, target,"
                + " outcome, correlation_id, details) VALUES (?, ?, ?, 'system', ?, NULL, 'success', NULL,"
                + " '{\"reason\": \"legacy\"}')", seq,
                Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), tenant, action);
    }
}
