package io.sealift.control.audit;

import io.sealift.audit.format.Chains;
import io.sealift.audit.format.ExportHeader;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.SignedCheckpoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a JSON Lines export, made one at a time: the header, the starting checkpoint, the
 * records with each stored checkpoint after the record it covers, and last a checkpoint signed
 * now over the last record.
 *
 * <p>Not thread-safe.
 */
final class JsonlLines implements Iterator<String> {
    private final Deque<String> pending = new ArrayDeque<>();
    private final Pages<AuditEvent> records;
    private final Pages<AuditCheckpoint> checkpoints;
    private final Checkpointer checkpointer;
    private final String chain;
    private long lastSeq;
    private String lastHash;
    private boolean ended;

    JsonlLines(ExportHeader header, SignedCheckpoint anchor, Pages<AuditEvent> records,
            Pages<AuditCheckpoint> checkpoints, Checkpointer checkpointer) {
        this.records = records;
        this.checkpoints = checkpoints;
        this.checkpointer = checkpointer;
        this.chain = header.chain();
        this.lastSeq = anchor.checkpoint().seq();
        this.lastHash = anchor.checkpoint().hash();
        pending.add(header.line());
        pending.add(anchor.line());
    }

    @Override
    public boolean hasNext() {
        if (pending.isEmpty()) {
            produce();
        }
        return !pending.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.removeFirst();
    }

    private void produce() {
        if (checkpoints.hasNext() && (!records.hasNext() || checkpoints.peek().seq() < seqOf(records.peek()))) {
            pending.add(checkpoints.next().signed().line());
        } else if (records.hasNext()) {
            ExportedRecord record = records.next().exported();
            lastSeq = record.record().seqIn(chain);
            lastHash = record.hash();
            pending.add(record.line());
        } else if (!ended) {
            ended = true;
            pending.add(checkpointer.sign(chain, lastSeq, lastHash).line());
        }
    }

    private long seqOf(AuditEvent event) {
        return Chains.GLOBAL.equals(chain) ? event.seq() : event.chainSeq();
    }
}
