package io.sealift.control.auth;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link AccessControlContract} on the embedded H2 store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlH2Test extends AccessControlContract {
}
