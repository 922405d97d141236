package io.sealift.control.store;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link StoreContract} on the embedded H2 store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreH2Test extends StoreContract {
}
