package io.sealift.control.grpc.enroll;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;

/** {@link EnrollmentContract} on the embedded H2 store. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrollmentH2Test extends EnrollmentContract {
}
