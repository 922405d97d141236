package io.sealift.control.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** {@link RetentionContract} on the embedded H2 store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionH2Test extends RetentionContract {
    @Override
    protected Map<String, String> datasource() {
        return Map.of();
    }
}
