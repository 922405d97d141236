package io.sealift.control.audit;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs work that changes the chains (appends, checkpoints, purges) in its own transaction, one at
 * a time in this process.
 *
 * <p>Thread-safe. The database is what serializes writers, across replicas too: every such
 * transaction locks the global chain's head row ({@code SELECT ... FOR UPDATE}) first. The lock
 * here only keeps this process's writers from each holding a pooled connection while they wait
 * for that row; it is held until the transaction has committed or rolled back.
 */
@Singleton
class ChainTransactions {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final TransactionOperations<Connection> transactions;

    ChainTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code work} in a new transaction, after every other chain transaction of this process. */
    <T> T run(Supplier<T> work) {
        lock.lock();
        try {
            return transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                    status -> work.get());
        } finally {
            lock.unlock();
        }
    }
}
