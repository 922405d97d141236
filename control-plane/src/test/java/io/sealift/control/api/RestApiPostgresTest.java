package io.sealift.control.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.testing.SharedPostgres;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** {@link RestApiContract} on a real PostgreSQL server. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiPostgresTest extends RestApiContract {
    @Override
    protected Map<String, String> extraProperties() {
        return SharedPostgres.freshDatasourceProperties();
    }
}
