package io.sealift.control.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A child process for {@link H2DurabilityTest}: opens an H2 database at the URL it is given
 * (the production URL and settings), commits rows 1, 2, 3 ... one transaction each, and prints
 * {@code committed <n>} after each commit returns, until it is killed.
 */
public final class H2CommitWriter {
    private H2CommitWriter() {
    }

    /** Runs the writer: {@code args[0]} is the JDBC URL. */
    public static void main(String[] args) throws SQLException {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS durability_probe (n INT PRIMARY KEY)");
            }
            connection.setAutoCommit(false);
            String sql = "INSERT INTO durability_probe (n) VALUES (?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int n = 1; n < Integer.MAX_VALUE; n++) {
                    insert.setInt(1, n);
                    insert.executeUpdate();
                    connection.commit();
                    System.out.println("committed " + n);
                    System.out.flush();
                }
            }
        }
    }
}
