package io.sealift.control.audit;

import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Timestamps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit records past their retention without breaking verification: before the cut it
 * signs a checkpoint of the last deleted record of every chain (exports after the purge start
 * from it), and it records the purge itself, all in one transaction.
 *
 * <p>Thread-safe; purges queue with appends on the global head row.
 */
@Singleton
public class AuditPurge {
    /** The action of the record a purge appends. */
    public static final String ACTION = "audit.purge";

    private static final Logger LOG = LoggerFactory.getLogger(AuditPurge.class);

    private final ChainTransactions transactions;
    private final ChainAppender appender;
    private final Checkpointer checkpointer;
    private final AuditEventRepository events;
    private final AuditCheckpointRepository checkpoints;
    private final Clock clock;

    AuditPurge(ChainTransactions transactions, ChainAppender appender, Checkpointer checkpointer,
            AuditEventRepository events, AuditCheckpointRepository checkpoints, Clock clock) {
        this.transactions = transactions;
        this.appender = appender;
        this.checkpointer = checkpointer;
        this.events = events;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /**
     * What a purge removed.
     *
     * @param throughSeq the last global sequence number deleted, or 0 when nothing was
     * @param records how many records were deleted
     */
    public record Result(long throughSeq, long records) {
    }

    /**
     * Deletes every record appended before {@code cutoff} (up to the first record that is not,
     * so the kept records stay contiguous); does nothing when there are none.
     */
    public Result purgeBefore(Instant cutoff) {
        Result result = transactions.run(() -> {
            AuditHead global = appender.lockGlobal();
            long firstKept = events.firstSeqFrom(cutoff);
            long through = firstKept == 0 ? global.lastSeq() : firstKept - 1;
            if (through < Math.max(events.firstSeq(), 1)) {
                return new Result(0, 0);
            }
            checkpointCut(through);
            long deleted = events.deleteThrough(through);
            appender.append(new AuditEntry(null, "system", ACTION, "audit:" + Chains.GLOBAL, "success", null,
                    Map.of("cutoff", Timestamps.format(cutoff.truncatedTo(ChronoUnit.MICROS)),
                            "through-seq", Long.toString(through), "records", Long.toString(deleted))),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            return new Result(through, deleted);
        });
        if (result.records() > 0) {
            LOG.info("purged {} audit records (through sequence {}) appended before {}", result.records(),
                    result.throughSeq(), cutoff);
        }
        return result;
    }

    private void checkpointCut(long through) {
        List<AuditEvent> lastOfEach = events.lastOfEachChainThrough(through);
        for (AuditEvent last : lastOfEach) {
            checkpointer.store(last.chain(), last.chainSeq(), last.hash());
            checkpoints.deleteBefore(last.chain(), last.chainSeq());
        }
        AuditEvent lastGlobal = events.findById(through).orElseThrow(() -> new IllegalStateException(
                "audit record " + through + " is missing; the log has a gap"));
        checkpointer.store(Chains.GLOBAL, through, lastGlobal.hash());
        checkpoints.deleteBefore(Chains.GLOBAL, through);
    }
}
