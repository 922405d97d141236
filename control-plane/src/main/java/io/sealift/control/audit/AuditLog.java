package io.sealift.control.audit;

import io.sealift.audit.format.CanonicalJson;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to the audit log: each one linked into the global hash chain and its scope
 * chain (its tenant's, or the platform's) and stored in one transaction of its own.
 *
 * <p>Thread-safe, and safe across replicas sharing a database: appends lock the global chain's
 * head row until they commit, so two appends never take the same sequence number and the
 * sequence has no gaps; an append killed mid-way rolls back whole. Each append is its own
 * transaction, so an event is recorded even when the action it describes is rolled back (a
 * refused enrollment leaves nothing but its audit record).
 */
@Singleton
public class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int LEGACY_BATCH = 500;
    private static final Map<String, Integer> LIMITS = Map.of("actor", 100, "action", 64, "target", 200,
            "outcome", 32, "correlationId", 64, "details", 4000);

    private final ChainAppender appender;
    private final ChainTransactions transactions;
    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(ChainAppender appender, ChainTransactions transactions, AuditEventRepository events, Clock clock) {
        this.appender = appender;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Appends {@code entry} and returns the stored record.
     *
     * @throws IllegalArgumentException if a part is longer than the store allows (actor 100,
     *     action 64, target 200, outcome 32, correlation id 64, details 4000 characters as JSON)
     *     or a details key is not 1 to 64 characters of {@code [A-Za-z0-9._-]}
     */
    public AuditEvent record(AuditEntry entry) {
        requireFits(entry);
        return transactions.run(() -> appender.append(entry, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    /** Links the records written before the hash chain existed, once, before the first append. */
    @PostConstruct
    void chainEarlierRecords() {
        long chained = 0;
        while (true) {
            List<AuditEvent> batch = events.unchained(LEGACY_BATCH);
            if (batch.isEmpty()) {
                break;
            }
            transactions.run(() -> {
                batch.forEach(appender::chainStored);
                return null;
            });
            chained += batch.size();
        }
        if (chained > 0) {
            LOG.info("linked {} audit records written before the hash chain existed", chained);
        }
    }

    private static void requireFits(AuditEntry entry) {
        requireFits("actor", entry.actor());
        requireFits("action", entry.action());
        requireFits("target", entry.target());
        requireFits("outcome", entry.outcome());
        requireFits("correlationId", entry.correlationId());
        if (!entry.details().isEmpty()) {
            requireFits("details", CanonicalJson.write(entry.details()));
        }
    }

    private static void requireFits(String part, String value) {
        if (value != null && value.length() > LIMITS.get(part)) {
            throw new IllegalArgumentException("audit " + part + " is " + value.length() + " characters; at most "
                    + LIMITS.get(part) + " are stored");
        }
    }
}
