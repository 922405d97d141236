package io.sealift.control.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** Plain JDBC to a test's store, for writing rows the way other code (or older versions) would. */
final class TestDatabase {
    private TestDatabase() {
    }

    /** Opens a connection to the store a test context with {@code properties} uses. */
    static Connection connect(Map<String, String> properties) throws SQLException {
        String url = properties.getOrDefault("datasources.default.url",
                "jdbc:h2:file:" + properties.get("sealift.data-dir") + "/db/sealift;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        return DriverManager.getConnection(url, properties.getOrDefault("datasources.default.username", "sa"),
                properties.getOrDefault("datasources.default.password", ""));
    }

    /** Runs one statement with {@code parameters}. */
    static void execute(Map<String, String> properties, String sql, Object... parameters) {
        try (Connection connection = connect(properties);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
