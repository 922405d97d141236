package io.sealift.control.jobs;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.testing.SharedPostgres;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** {@link JobApiContract} on a real PostgreSQL server. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobApiPostgresTest extends JobApiContract {
    @Override
    protected Map<String, String> databaseProperties() {
        return SharedPostgres.freshDatasourceProperties();
    }
}
