package io.sealift.control.tenants;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores tenants. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends CrudRepository<Tenant, UUID> {

    /** Finds a tenant by its unique name. */
    Optional<Tenant> findByName(String name);

    /** Lists all tenants, oldest first. */
    List<Tenant> listOrderByCreatedAt();
}
