package io.sealift.control.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link RestApiContract} on the embedded H2 store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiH2Test extends RestApiContract {
}
