package io.sealift.control.grpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusException;
import io.sealift.proto.v1.Hello;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HelloValidatorTest {

    @Test
    void validHello_keepsNamesInOrder() throws Exception {
        HelloValidator.ValidHello valid = HelloValidator.validate(Hello.newBuilder()
                .addSourceNames("home").addSourceNames("db.dump-1").addTargetNames("home").build());

        assertEquals(List.of("home", "db.dump-1"), valid.sources());
        assertEquals(List.of("home"), valid.targets(), "a source and a target may share a name");
        assertNull(valid.version());
    }

    @Test
    void endpointNamesOutsideTheAlphabet_areRefused() {
        for (String name : List.of("", "Home", "-home", ".home", "a/b", "..", "a b", "ä", "x".repeat(64))) {
            assertInvalid("target_names[0] must match [a-z0-9][a-z0-9._-]{0,62}",
                    Hello.newBuilder().addTargetNames(name).build());
        }
    }

    @Test
    void moreThan256EndpointsOfAKind_areRefused() {
        Hello.Builder hello = Hello.newBuilder();
        IntStream.range(0, 257).forEach(i -> hello.addSourceNames("s" + i));

        assertInvalid("source_names must list at most 256 endpoints, not 257", hello.build());
    }

    @Test
    void duplicateNames_areRefused() {
        assertInvalid("target_names[2] repeats an earlier name",
                Hello.newBuilder().addTargetNames("a").addTargetNames("b").addTargetNames("a").build());
    }

    @Test
    void longOrUnprintableVersions_areRefused() {
        assertInvalid("version must be at most 64 printable ASCII characters",
                Hello.newBuilder().setVersion("1".repeat(65)).build());
        assertInvalid("version must be at most 64 printable ASCII characters",
                Hello.newBuilder().setVersion("1.0\n").build());
    }

    private static void assertInvalid(String description, Hello hello) {
        StatusException error = assertThrows(StatusException.class, () -> HelloValidator.validate(hello));
        assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
        assertEquals(description, error.getStatus().getDescription());
    }
}
