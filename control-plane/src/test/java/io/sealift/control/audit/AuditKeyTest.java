package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import io.micronaut.context.ApplicationContext;
import io.sealift.control.audit.internal.AuditKeyFile;
import io.sealift.control.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit key: created once in the data directory with mode 0600, the same after a restart,
 * its public key logged at start, its private part never in the database files or the log.
 */
class AuditKeyTest {
    @TempDir
    Path dataDir;

    @Test
    void key_isCreatedOnce_0600_reusedAfterRestart_andItsPrivatePartStaysInItsFile() throws Exception {
        String first;
        String logged;
        try (LogCapture logs = LogCapture.attach(); ApplicationContext context = start()) {
            first = context.getBean(AuditKey.class).publicKey().fingerprint();
            context.getBean(AuditLog.class).record(AuditEntry.of(null, "system", "test.key", null, "success", null));
            logged = logs.text();
        }
        try (ApplicationContext restarted = start()) {
            assertEquals(first, restarted.getBean(AuditKey.class).publicKey().fingerprint());
        }

        Path file = dataDir.resolve(AuditKeyFile.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(logged.contains("audit key fingerprint " + first), "the fingerprint is logged at start");
        byte[] secret = privateKey(file);
        String hex = HexFormat.of().formatHex(secret);
        assertFalse(logged.contains(hex) || logged.contains(java.util.Base64.getEncoder().encodeToString(secret)));
        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            for (Path db : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(db);
                assertFalse(contains(content, secret), "the private key in " + db);
            }
        }
    }

    private ApplicationContext start() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("sealift.data-dir", dataDir.toString());
        properties.put("sealift.grpc.port", "0");
        properties.put("micronaut.server.port", "-1");
        return ApplicationContext.run(properties);
    }

    private static byte[] privateKey(Path file) throws Exception {
        Ed25519PrivateKey key = (Ed25519PrivateKey) TinkJsonProtoKeysetFormat.parseKeyset(
                Files.readString(file, StandardCharsets.UTF_8), TinkConfig2026.get(), InsecureSecretKeyAccess.get())
                .getPrimary().getKey();
        return key.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
