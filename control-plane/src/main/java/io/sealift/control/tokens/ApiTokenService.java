package io.sealift.control.tokens;

import io.sealift.control.api.ProblemException;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.tenants.TenantScope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints, lists and revokes a tenant's API tokens on behalf of REST callers.
 *
 * <p>Thread-safe. Owners (and platform admins) mint and revoke; auditors and up list.
 */
@Singleton
public class ApiTokenService {
    private final ApiTokens tokens;
    private final ApiTokenRepository repository;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    /** Creates the service. */
    public ApiTokenService(ApiTokens tokens, ApiTokenRepository repository, TenantScope scope, AuditLog audit,
            Clock clock) {
        this.tokens = tokens;
        this.repository = repository;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** Mints a token in {@code tenantId}; the answer holds its value, shown this once. */
    public IssuedApiTokenView create(Caller caller, UUID tenantId, CreateApiTokenRequest request) {
        scope.require(caller, tenantId, Role.OWNER);
        Role role = Role.parse(request.role())
                .filter(r -> r != Role.PLATFORM_ADMIN)
                .orElseThrow(() -> ProblemException.badRequest("role: must be one of owner, operator, auditor"));
        MintedApiToken minted = tokens.mint(tenantId, role, request.description(), caller.tokenId());
        audit.record(new AuditEntry(tenantId, caller.actor(), "api-token.create", "api-token:" + minted.stored().id(),
                "success", caller.correlationId(), Map.of("role", role.wireName())));
        return IssuedApiTokenView.of(minted);
    }

    /** Lists a tenant's tokens, oldest first. */
    public List<ApiTokenView> list(Caller caller, UUID tenantId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        return repository.findByTenantIdOrderByCreatedAt(tenantId).stream().map(ApiTokenView::of).toList();
    }

    /** Revokes a tenant's token; revoking it again changes nothing. 404 if it is not the tenant's. */
    public void revoke(Caller caller, UUID tenantId, UUID tokenId) {
        scope.require(caller, tenantId, Role.OWNER);
        repository.findByIdAndTenantId(tokenId, tenantId)
                .orElseThrow(() -> ProblemException.notFound("api token " + tokenId));
        long changed = repository.revoke(tokenId, clock.instant().truncatedTo(ChronoUnit.MICROS));
        audit.record(new AuditEntry(tenantId, caller.actor(), "api-token.revoke", "api-token:" + tokenId, "success",
                caller.correlationId(), changed == 0 ? Map.of("already-revoked", "true") : Map.of()));
    }
}
