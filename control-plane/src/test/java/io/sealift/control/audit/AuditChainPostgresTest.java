package io.sealift.control.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.testing.SharedPostgres;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** {@link AuditChainContract} on a real PostgreSQL server. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainPostgresTest extends AuditChainContract {
    private final Map<String, String> datasource = SharedPostgres.freshDatasourceProperties();

    @Override
    protected Map<String, String> datasource() {
        return datasource;
    }
}
