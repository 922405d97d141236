package io.sealift.control.tenants;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer organisation: the scope of every agent, job, token and audit record.
 *
 * @param id the tenant's id
 * @param name a unique, human-readable name
 * @param createdAt when it was created
 */
@MappedEntity("tenant")
public record Tenant(@Id UUID id, String name, Instant createdAt) {
}
