package io.sealift.control.retention;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deletes the metadata of jobs that finished long ago: the {@code job} rows in a final state
 * whose {@code finished_at} is before the cutoff, and their receipts, session history and session
 * results. Queued and running jobs are never touched.
 *
 * <p>Thread-safe. Plain SQL over the jobs tables (migrations V2 and V4) rather than the jobs package's
 * repositories, so retention does not depend on that package's classes; a table the jobs schema
 * adds that references {@code job} must be added here (the retention tests would fail on its
 * foreign key first).
 */
@Singleton
public class JobRetention {
    private static final String FINISHED = "SELECT id FROM job WHERE finished_at < ? AND state IN ('succeeded',"
            + " 'succeeded_with_errors', 'failed', 'cancelled')";

    /** The tables that reference {@code job}, children before parents. */
    private static final List<String> CHILDREN = List.of("job_session_file_error", "job_session_result",
            "job_session", "job_receipt");

    private final TransactionOperations<Connection> transactions;

    /** Creates the policy over the datasource's transactions. */
    public JobRetention(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Deletes the jobs that finished before {@code cutoff}, with their rows in other tables; returns how many jobs. */
    public long purgeFinishedBefore(Instant cutoff) {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            for (String child : CHILDREN) {
                delete(connection, "DELETE FROM " + child + " WHERE job_id IN (" + FINISHED + ")", cutoff);
            }
            return delete(connection, "DELETE FROM job WHERE id IN (" + FINISHED + ")", cutoff);
        });
    }

    private static long delete(Connection connection, String sql, Instant cutoff) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge finished jobs", e);
        }
    }
}
