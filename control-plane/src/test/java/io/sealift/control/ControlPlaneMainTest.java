package io.sealift.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ControlPlaneMainTest {
    @Test
    void tlsFlags_becomeTheSealiftHttpTlsKeys_asAbsolutePaths() {
        ControlPlaneMain main = new ControlPlaneMain();
        new CommandLine(main).parseArgs("--http-tls-cert", "certs/server.pem", "--http-tls-key", "certs/server.key");

        Map<String, Object> properties = main.properties();

        assertEquals(Path.of("certs/server.pem").toAbsolutePath().toString(),
                properties.get("sealift.http.tls.certificate-file"));
        assertEquals(Path.of("certs/server.key").toAbsolutePath().toString(),
                properties.get("sealift.http.tls.key-file"));
    }

    @Test
    void withoutTlsFlags_noTlsKeysAreSet() {
        ControlPlaneMain main = new ControlPlaneMain();
        new CommandLine(main).parseArgs();

        Map<String, Object> properties = main.properties();

        assertFalse(properties.containsKey("sealift.http.tls.certificate-file"));
        assertFalse(properties.containsKey("sealift.http.tls.key-file"));
    }
}
