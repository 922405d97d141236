package io.sealift.control.tenants;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as the REST API shows it.
 *
 * @param id the tenant's id
 * @param name its unique name
 * @param createdAt when it was created
 */
@Serdeable
public record TenantView(UUID id, String name, Instant createdAt) {

    /** Returns the view of a stored tenant. */
    public static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.createdAt());
    }
}
