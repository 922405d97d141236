package io.sealift.control.enrollment;

import io.sealift.control.api.ProblemException;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.tenants.TenantScope;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, lists and revokes a tenant's agent enrollment tokens on behalf of REST callers:
 * {@value #PREFIX} followed by 43 base64url characters, stored only as their SHA-256 hash.
 *
 * <p>Thread-safe. Operators and up create and revoke; auditors and up list.
 */
@Singleton
public class EnrollmentTokenService {
    /** The prefix of every enrollment token. */
    public static final String PREFIX = "sle_";

    private final EnrollmentTokenRepository repository;
    private final TenantScope scope;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    /** Creates the service. */
    public EnrollmentTokenService(EnrollmentTokenRepository repository, TenantScope scope, AuditLog audit,
            SecureRandom random, Clock clock) {
        this.repository = repository;
        this.scope = scope;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /** Creates a token in {@code tenantId}; the answer holds its value, shown this once. */
    public IssuedEnrollmentTokenView create(Caller caller, UUID tenantId, CreateEnrollmentTokenRequest request) {
        scope.require(caller, tenantId, Role.OPERATOR);
        IssuedSecret secret = IssuedSecret.generate(PREFIX, random);
        Instant now = now();
        Instant expiresAt = now.plus(Duration.ofSeconds(request.ttlOrDefault()));
        EnrollmentToken token = repository.save(new EnrollmentToken(UUID.randomUUID(), tenantId, secret.hash(), now,
                caller.tokenId(), expiresAt, null, null, null));
        audit.record(new AuditEntry(tenantId, caller.actor(), "enrollment-token.create",
                "enrollment-token:" + token.id(), "success", caller.correlationId(),
                Map.of("ttl-seconds", Integer.toString(request.ttlOrDefault()))));
        return new IssuedEnrollmentTokenView(token.id(), secret.revealOnce(), token.expiresAt());
    }

    /** Lists a tenant's tokens, oldest first, with their state as of now. */
    public List<EnrollmentTokenView> list(Caller caller, UUID tenantId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        Instant now = now();
        return repository.findByTenantIdOrderByCreatedAt(tenantId).stream()
                .map(token -> EnrollmentTokenView.of(token, now))
                .toList();
    }

    /** Revokes a tenant's token; revoking it again changes nothing. 404 if it is not the tenant's. */
    public void revoke(Caller caller, UUID tenantId, UUID tokenId) {
        scope.require(caller, tenantId, Role.OPERATOR);
        repository.findByIdAndTenantId(tokenId, tenantId)
                .orElseThrow(() -> ProblemException.notFound("enrollment token " + tokenId));
        long changed = repository.revoke(tokenId, now());
        audit.record(new AuditEntry(tenantId, caller.actor(), "enrollment-token.revoke",
                "enrollment-token:" + tokenId, "success", caller.correlationId(),
                changed == 0 ? Map.of("already-revoked", "true") : Map.of()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
