package io.sealift.control.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.sealift.control.testing.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A half or wrong TLS configuration stops the server with a message naming the key. */
class HttpTlsConfigurationTest {
    @TempDir
    Path dataDir;

    @Test
    void certificateWithoutKey_refusesToStart_namingTheKeys() {
        TestCertificates certificates = TestCertificates.selfSigned(dataDir);

        String messages = startupFailure(Map.of(
                "sealift.http.tls.certificate-file", certificates.certificateFile().toString()));

        assertTrue(messages.contains("sealift.http.tls.certificate-file and sealift.http.tls.key-file must be set"
                + " together"), messages);
    }

    @Test
    void missingCertificateFile_refusesToStart_namingTheKey() {
        TestCertificates certificates = TestCertificates.selfSigned(dataDir);

        String messages = startupFailure(Map.of(
                "sealift.http.tls.certificate-file", dataDir.resolve("nope.pem").toString(),
                "sealift.http.tls.key-file", certificates.keyFile().toString()));

        assertTrue(messages.contains("sealift.http.tls.certificate-file names"), messages);
    }

    private String startupFailure(Map<String, String> tls) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "sealift.data-dir", dataDir.toString(),
                "sealift.grpc.port", "0",
                "micronaut.server.port", "-1"));
        properties.putAll(tls);
        Exception failure = assertThrows(Exception.class,
                () -> ApplicationContext.run(EmbeddedServer.class, properties, "test").close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
