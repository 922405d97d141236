package io.sealift.control.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.sealift.control.testing.JavaProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a commit H2 has acknowledged survives SIGKILL with the production datasource URL.
 *
 * <p>Why it holds: with {@code WRITE_DELAY=0}, H2 2.x (MVStore) writes the transaction's chunk to
 * the database file inside {@code COMMIT} ({@code TransactionStore.endTransaction} calls
 * {@code MVStore.commit()} when the auto-commit delay is 0, and with delay 0 there is no
 * background writer or serialization executor, so the write happens on the committing thread).
 * By the time the commit returns the bytes are in the operating system's page cache, which
 * outlives the process. With the
 * default delay (500 ms) the chunk is written later by a background thread, and a killed
 * process loses up to that much acknowledged work. H2 does not fsync on commit, so this is
 * durability against a process crash, not against power loss or a kernel crash; PostgreSQL
 * (fsync on commit) is the store for that.
 */
class H2DurabilityTest {
    private static final int ACKNOWLEDGED = 300;

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedCommits_surviveSigkill() throws Exception {
        String url = productionUrl(dataDir);
        try (JavaProcess writer = JavaProcess.start(H2CommitWriter.class, List.of(url), Map.of())) {
            Optional<String> line = writer.awaitLine(l -> l.equals("committed " + ACKNOWLEDGED),
                    Duration.ofSeconds(60));
            writer.kill();
            assertTrue(line.isPresent(),
                    () -> "the writer never acknowledged " + ACKNOWLEDGED + ":\n" + writer.output());
        }

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*), MIN(n), MAX(n) FROM durability_probe WHERE n <= " + ACKNOWLEDGED)) {
            rows.next();
            assertEquals(ACKNOWLEDGED, rows.getInt(1), "acknowledged rows after SIGKILL");
            assertEquals(1, rows.getInt(2));
            assertEquals(ACKNOWLEDGED, rows.getInt(3));
        }
    }

    @Test
    void productionUrl_setsWriteDelayZero() {
        assertTrue(productionUrl(dataDir).contains(";WRITE_DELAY=0"), productionUrl(dataDir));
    }

    /** Returns {@code datasources.default.url} exactly as application.yml resolves it for {@code dataDir}. */
    private static String productionUrl(Path dataDir) {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("sealift.data-dir", dataDir.toString()))
                .build()) {
            Environment environment = context.getEnvironment().start();
            return environment.getRequiredProperty("datasources.default.url", String.class);
        }
    }
}
