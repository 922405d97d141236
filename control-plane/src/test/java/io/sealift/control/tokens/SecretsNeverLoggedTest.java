package io.sealift.control.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.LogCapture;
import io.sealift.control.testing.RestClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs a session that mints, uses, misuses and revokes tokens, with every logger at DEBUG and
 * ours at TRACE, and checks that no token value or hash reaches the logs or the database files.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsNeverLoggedTest extends ApiTestBase {
    private static final Pattern ANY_TOKEN = Pattern.compile("sl[te]_[A-Za-z0-9_-]{43}");
    private final LogCapture logs = LogCapture.attach();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("logger.levels.root", "DEBUG", "logger.levels.io.sealift", "TRACE");
    }

    @AfterAll
    void detach() {
        logs.close();
        LogCapture.resetLevels();
    }

    @Test
    void tokenValuesAndHashes_neverAppearInLogsOrDatabaseFiles() throws IOException {
        List<String> secrets = new ArrayList<>(List.of(adminToken()));
        UUID tenant = createTenant("secrets");
        Response owner = rest().post("api/v1/tenants/" + tenant + "/api-tokens", adminToken(), "{\"role\":\"owner\"}");
        String ownerToken = owner.field("token");
        secrets.add(ownerToken);
        secrets.add(rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", ownerToken, "{}").field("token"));
        String wrongToken = "slt_" + "Z".repeat(43);
        secrets.add(wrongToken);
        assertEquals(401, rest().get("api/v1/tenants", wrongToken).status());
        assertEquals(401, rest().send("GET", "api/v1/tenants", null, null, null,
                Map.of("Authorization", "Basic " + wrongToken)).status());
        assertEquals(204, rest().delete("api/v1/tenants/" + tenant + "/api-tokens/" + owner.field("id"), adminToken())
                .status());
        assertEquals(401, rest().get("api/v1/tenants", ownerToken).status());

        String logText = logs.text();
        assertTrue(logText.contains("wrote the initial platform-admin token to"), "the capture works");
        assertFalse(ANY_TOKEN.matcher(logText).find(), "a token-shaped string was logged");
        String database = databaseFilesAsText();
        for (String secret : secrets) {
            String hash = IssuedSecret.presented(secret).hash();
            assertFalse(logText.contains(secret), "token value logged");
            assertFalse(logText.contains(hash), "token hash logged");
            assertFalse(database.contains(secret), "token value stored");
        }
    }

    private String databaseFilesAsText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir().resolve("db"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(text.length() > 0, "no database files under " + dataDir());
        return text.toString();
    }
}
