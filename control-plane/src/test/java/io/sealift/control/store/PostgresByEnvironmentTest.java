package io.sealift.control.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.sealift.control.ControlPlaneMain;
import io.sealift.control.testing.JavaProcess;
import io.sealift.control.testing.RestClient;
import io.sealift.control.testing.SharedPostgres;
import io.sealift.testsupport.FreePorts;
import java.net.URI;
import java.nio.file.Files;
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
 * Runs the real {@code sealift-control} main in its own process with PostgreSQL selected by the
 * environment alone ({@code DATASOURCES_DEFAULT_URL}, {@code _USERNAME}, {@code _PASSWORD}):
 * no driver class, no flag, no file.
 */
class PostgresByEnvironmentTest {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void controlPlane_withDatasourceEnvironmentVariables_storesInPostgres() throws Exception {
        String url = SharedPostgres.freshDatabaseUrl();
        int port = FreePorts.next();
        Map<String, String> environment = Map.of(
                "DATASOURCES_DEFAULT_URL", url,
                "DATASOURCES_DEFAULT_USERNAME", "postgres",
                "DATASOURCES_DEFAULT_PASSWORD", "");
        try (JavaProcess controlPlane = JavaProcess.start(ControlPlaneMain.class, List.of(
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(port), "--grpc-port", "0"),
                environment)) {
            Optional<String> started = controlPlane.awaitLine(l -> l.contains("Startup completed"), STARTUP);
            assertTrue(started.isPresent(), controlPlane::output);

            String admin = Files.readString(dataDir.resolve("bootstrap-token")).strip();
            RestClient rest = new RestClient(URI.create("http://127.0.0.1:" + port + "/"), JsonMapper.createDefault());
            RestClient.Response created = rest.post("api/v1/tenants", admin, "{\"name\":\"on-postgres\"}");
            assertEquals(201, created.status(), created::toString);
        }

        assertEquals(List.of("on-postgres"), tenantNames(url));
        assertFalse(Files.exists(dataDir.resolve("db")), "nothing may have gone to H2");
    }

    @Test
    void controlPlane_withUnreachableDatabase_exitsWithAnError() throws Exception {
        Map<String, String> environment = Map.of(
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/sealift",
                "DATASOURCES_DEFAULT_USERNAME", "postgres",
                "DATASOURCES_DEFAULT_PASSWORD", "");
        try (JavaProcess controlPlane = JavaProcess.start(ControlPlaneMain.class, List.of(
                "--data-dir", dataDir.toString(), "--http-port", Integer.toString(FreePorts.next()),
                "--grpc-port", "0"), environment)) {
            Optional<Integer> status = controlPlane.awaitExit(STARTUP);

            assertTrue(status.isPresent(), "still running:\n" + controlPlane.output());
            assertNotEquals(0, status.get());
            assertFalse(Files.exists(dataDir.resolve("bootstrap-token")));
        }
    }

    private static List<String> tenantNames(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM tenant")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
