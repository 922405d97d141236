package io.sealift.control.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.SignedCheckpoint;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs checkpoints: when a chain's sequence number reaches a multiple of
 * {@code sealift.audit.checkpoint-every-records} (inside the append's transaction), and every
 * {@code sealift.audit.checkpoint-interval} for the global chain, idle or not, and for every other
 * chain that advanced since its last checkpoint.
 *
 * <p>Thread-safe. A chain keeps one checkpoint per sequence number: an idle chain's head is
 * re-signed with a newer time in place, so idle periods do not grow the table.
 */
@Singleton
class Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final AuditKey key;
    private final AuditHeadRepository heads;
    private final AuditCheckpointRepository checkpoints;
    private final ChainTransactions transactions;
    private final AuditSettings settings;
    private final Clock clock;

    Checkpointer(AuditKey key, AuditHeadRepository heads, AuditCheckpointRepository checkpoints,
            ChainTransactions transactions, AuditSettings settings, Clock clock) {
        this.key = key;
        this.heads = heads;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stores a checkpoint of {@code head} if its sequence number is due; returns the head to write back. */
    AuditHead afterAppend(AuditHead head) {
        if (head.lastSeq() % settings.checkpointEveryRecords() != 0) {
            return head;
        }
        store(head.chain(), head.lastSeq(), head.lastHash());
        return head.checkpointed(head.lastSeq());
    }

    /** Runs {@link #signHeads()} on the configured interval; a failure is logged and retried next time. */
    @Scheduled(fixedDelay = "${sealift.audit.checkpoint-interval:10m}",
            initialDelay = "${sealift.audit.checkpoint-interval:10m}")
    void onInterval() {
        try {
            int signed = signHeads().size();
            LOG.debug("signed {} interval checkpoints", signed);
        } catch (RuntimeException e) {
            LOG.error("cannot sign the interval checkpoints; retrying at the next interval", e);
        }
    }

    /**
     * Signs and stores a checkpoint at the head of the global chain and of every chain with
     * records no checkpoint covers yet; returns them.
     */
    List<SignedCheckpoint> signHeads() {
        return transactions.run(() -> {
            List<AuditHead> due = new ArrayList<>();
            AuditHead global = heads.lock(Chains.GLOBAL).orElseThrow();
            if (global.lastSeq() > 0) {
                due.add(global);
            }
            heads.lockUncheckpointed().stream().filter(h -> !Chains.GLOBAL.equals(h.chain())).forEach(due::add);
            List<SignedCheckpoint> signed = new ArrayList<>();
            for (AuditHead head : due) {
                signed.add(store(head.chain(), head.lastSeq(), head.lastHash()));
                heads.update(head.checkpointed(head.lastSeq()));
            }
            return signed;
        });
    }

    /**
     * Signs and stores a checkpoint of record {@code seq} of {@code chain}, replacing an older
     * signature of the same record.
     *
     * @throws IllegalStateException if a stored checkpoint of that record has another hash: the
     *     stored record or checkpoint was changed, and signing over it would hide that
     */
    SignedCheckpoint store(String chain, long seq, String hash) {
        SignedCheckpoint signed = sign(chain, seq, hash);
        AuditCheckpoint row = AuditCheckpoint.of(signed);
        checkpoints.findByChainAndSeq(chain, seq).ifPresentOrElse(existing -> {
            if (!existing.hash().equals(hash)) {
                throw new IllegalStateException("checkpoint " + chain + "@" + seq + " says hash " + existing.hash()
                        + " but the record now has " + hash + "; the audit store was altered");
            }
            checkpoints.update(new AuditCheckpoint(existing.id(), chain, seq, hash, row.signedAt(),
                    row.keyFingerprint(), row.signature()));
        }, () -> checkpoints.save(row));
        return signed;
    }

    /** Signs a checkpoint of record {@code seq} of {@code chain} now, without storing it. */
    SignedCheckpoint sign(String chain, long seq, String hash) {
        return key.sign(new Checkpoint(chain, seq, hash, clock.instant().truncatedTo(ChronoUnit.MICROS),
                key.publicKey().fingerprint()));
    }
}
