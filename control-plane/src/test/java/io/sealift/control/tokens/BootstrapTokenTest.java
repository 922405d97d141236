package io.sealift.control.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.testing.LogCapture;
import io.sealift.testsupport.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTokenTest {
    @TempDir
    Path dataDir;

    @Test
    void firstStart_writesOnePlatformAdminTokenOnce_mode0600_neverLogged() throws Exception {
        Path file = dataDir.resolve("bootstrap-token");
        String token;
        try (LogCapture logs = LogCapture.attach(); ApplicationContext context = start(Map.of())) {
            token = Files.readString(file);
            assertTrue(token.matches("slt_[A-Za-z0-9_-]{43}\n"), "just the token and a newline");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            List<ApiToken> stored = context.getBean(ApiTokenRepository.class).findAll();
            assertEquals(1, stored.size());
            assertEquals("platform-admin", stored.get(0).role());
            assertNull(stored.get(0).tenantId());
            assertEquals(IssuedSecret.presented(token.strip()).hash(), stored.get(0).tokenHash());
            assertTrue(logs.text().contains("wrote the initial platform-admin token to " + file), logs.text());
            assertFalse(logs.text().contains(token.strip()));
            assertFalse(logs.text().contains(stored.get(0).tokenHash()));
        }
        FileTime written = Files.getLastModifiedTime(file);

        try (LogCapture logs = LogCapture.attach(); ApplicationContext context = start(Map.of())) {
            assertEquals(token, Files.readString(file), "a restart never rewrites the file");
            assertEquals(written, Files.getLastModifiedTime(file));
            assertEquals(1, context.getBean(ApiTokenRepository.class).count());
            assertFalse(logs.text().contains("bootstrap-token"), logs.text());
        }
    }

    @Test
    void emptyStore_withAnExistingTokenFile_adoptsThatToken() throws Exception {
        String token = "slt_" + "Q".repeat(43);
        Files.writeString(dataDir.resolve("bootstrap-token"), token + "\n");

        try (ApplicationContext context = start(Map.of())) {
            ApiToken stored = context.getBean(ApiTokenRepository.class).findAll().iterator().next();
            assertEquals(IssuedSecret.presented(token).hash(), stored.tokenHash());
            assertEquals("platform-admin", stored.role());
        }
        assertEquals(token + "\n", Files.readString(dataDir.resolve("bootstrap-token")));
    }

    @Test
    void emptyStore_withAGarbageTokenFile_refusesToStart() throws Exception {
        Files.writeString(dataDir.resolve("bootstrap-token"), "hello\n");

        Exception failure = assertThrows(Exception.class, () -> start(Map.of()).close());

        assertTrue(rootMessage(failure).contains("does not hold a Sealift API token"), rootMessage(failure));
    }

    @Test
    void unreachableDatabase_failsStartup() {
        String url = "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/sealift";

        assertThrows(Exception.class, () -> start(Map.of("datasources.default.url", url)).close());
        assertFalse(Files.exists(dataDir.resolve("bootstrap-token")));
    }

    private ApplicationContext start(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "sealift.data-dir", dataDir.toString(),
                "sealift.grpc.port", "0",
                "micronaut.server.port", "-1"));
        properties.putAll(extra);
        return ApplicationContext.run(properties, "test");
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
