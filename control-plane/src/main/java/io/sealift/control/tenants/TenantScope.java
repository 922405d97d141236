package io.sealift.control.tenants;

import io.sealift.control.api.ProblemException;
import io.sealift.control.auth.AccessAudit;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The gate in front of every {@code /tenants/{tenantId}/...} request: another tenant's id
 * answers 404, exactly like an unknown one, and a role too low answers 403.
 *
 * <p>Thread-safe. The scope is checked before the role, so a token learns nothing about other
 * tenants whatever its role; an out-of-scope request is audited.
 */
@Singleton
public class TenantScope {
    private final TenantRepository tenants;
    private final AccessAudit audit;

    /** Creates the gate. */
    public TenantScope(TenantRepository tenants, AccessAudit audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    /**
     * Returns the tenant {@code caller} acts in, if its scope covers it and its role includes
     * {@code minimum}.
     *
     * @throws ProblemException 404 if the tenant is unknown or outside the caller's scope
     * @throws io.sealift.control.auth.AccessDeniedException if the role is too low
     */
    public Tenant require(Caller caller, UUID tenantId, Role minimum) {
        if (!caller.canSee(tenantId)) {
            audit.outOfScope(caller, tenantId);
            throw notFound(tenantId);
        }
        caller.require(minimum);
        return tenants.findById(tenantId).orElseThrow(() -> notFound(tenantId));
    }

    private static ProblemException notFound(UUID tenantId) {
        return ProblemException.notFound("tenant " + tenantId);
    }
}
