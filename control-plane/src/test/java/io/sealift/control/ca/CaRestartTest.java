package io.sealift.control.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.sealift.control.ca.internal.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the whole application twice on one data directory. */
class CaRestartTest {
    @TempDir Path dataDir;

    private ApplicationContext start() {
        return ApplicationContext.builder()
                .environments("test")
                .properties(Map.of("sealift.data-dir", dataDir.toString(), "sealift.grpc.port", "0",
                        "micronaut.server.port", "-1"))
                .start();
    }

    @Test
    void restartedControlPlane_keepsItsCa_andTheKeyNeverReachesTheDatabase() throws Exception {
        String fingerprint;
        try (ApplicationContext first = start()) {
            fingerprint = first.getBean(CertificateAuthority.class).fingerprint();
        }
        try (ApplicationContext second = start()) {
            assertEquals(fingerprint, second.getBean(CertificateAuthority.class).fingerprint());
        }

        byte[] keyDer = Pem.decode("PRIVATE KEY", Files.readAllBytes(dataDir.resolve("ca/ca-key.pem")));
        List<String> forms = List.of(HexFormat.of().formatHex(keyDer), Base64.getEncoder().encodeToString(keyDer),
                Files.readString(dataDir.resolve("ca/ca-key.pem")).lines().skip(1).findFirst().orElseThrow());
        List<Path> databaseFiles;
        try (Stream<Path> files = Files.walk(dataDir.resolve("db"))) {
            databaseFiles = files.filter(Files::isRegularFile).toList();
        }
        assertFalse(databaseFiles.isEmpty());
        for (Path file : databaseFiles) {
            byte[] content = Files.readAllBytes(file);
            assertFalse(indexOf(content, keyDer) >= 0, "raw key in " + file);
            String text = new String(content, StandardCharsets.ISO_8859_1);
            for (String form : forms) {
                assertFalse(text.contains(form), "encoded key in " + file);
            }
        }
        assertTrue(Files.exists(dataDir.resolve("ca/ca-cert.pem")));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
