package io.sealift.control.tenants;

import io.micronaut.data.exceptions.DataAccessException;
import io.sealift.control.api.ProblemException;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates and lists tenants on behalf of REST callers.
 *
 * <p>Thread-safe. Only platform admins create tenants; a tenant's own tokens see only it.
 */
@Singleton
public class TenantService {
    private final TenantRepository tenants;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    /** Creates the service. */
    public TenantService(TenantRepository tenants, TenantScope scope, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a tenant.
     *
     * @throws ProblemException 409 if the name is taken
     */
    public TenantView create(Caller caller, CreateTenantRequest request) {
        caller.require(Role.PLATFORM_ADMIN);
        if (tenants.findByName(request.name()).isPresent()) {
            throw duplicate(caller, request.name());
        }
        Tenant tenant = new Tenant(UUID.randomUUID(), request.name(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            tenants.save(tenant);
        } catch (DataAccessException e) {
            // Another request took the name between the check and the insert.
            if (tenants.findByName(request.name()).isPresent()) {
                throw duplicate(caller, request.name());
            }
            throw e;
        }
        audit.record(new AuditEntry(tenant.id(), caller.actor(), "tenant.create", "tenant:" + tenant.id(),
                "success", caller.correlationId(), Map.of("name", tenant.name())));
        return TenantView.of(tenant);
    }

    /** Lists every tenant for a platform admin, and only its own tenant for any other token. */
    public List<TenantView> list(Caller caller) {
        if (caller.tenantId() == null) {
            return tenants.listOrderByCreatedAt().stream().map(TenantView::of).toList();
        }
        return tenants.findById(caller.tenantId()).map(TenantView::of).stream().toList();
    }

    /** Returns a tenant the caller may see; 404 otherwise. */
    public TenantView get(Caller caller, UUID tenantId) {
        return TenantView.of(scope.require(caller, tenantId, Role.AUDITOR));
    }

    private ProblemException duplicate(Caller caller, String name) {
        audit.record(new AuditEntry(null, caller.actor(), "tenant.create", null, "failure",
                caller.correlationId(), Map.of("name", name, "reason", "duplicate-name")));
        return ProblemException.conflict("a tenant named '" + name + "' already exists");
    }
}
