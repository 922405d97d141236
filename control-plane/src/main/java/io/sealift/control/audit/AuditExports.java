package io.sealift.control.audit;

import io.sealift.audit.format.Chains;
import io.sealift.audit.format.ExportHeader;
import io.sealift.audit.format.Sha256;
import io.sealift.audit.format.SignedCheckpoint;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Exports one chain of the audit log, streamed: as JSON Lines for the verifier (a header with the
 * public key, the checkpoint before the first record, the records with every stored checkpoint
 * after the record it covers, and a checkpoint signed at export time after the last record), or
 * as CSV with the same records.
 *
 * <p>The range is rounded down to the stored checkpoint before its first record (or the chain's
 * start), so an export begins with a signature made when those records were written; the lead-in
 * records between that checkpoint and {@code from} are part of the export. Thread-safe.
 */
@Singleton
public class AuditExports {
    private final AuditEventRepository events;
    private final AuditHeadRepository heads;
    private final AuditCheckpointRepository checkpoints;
    private final Checkpointer checkpointer;
    private final AuditKey key;
    private final int pageSize;

    AuditExports(AuditEventRepository events, AuditHeadRepository heads, AuditCheckpointRepository checkpoints,
            Checkpointer checkpointer, AuditKey key, AuditSettings settings) {
        this.events = events;
        this.heads = heads;
        this.checkpoints = checkpoints;
        this.checkpointer = checkpointer;
        this.key = key;
        this.pageSize = settings.exportPageSize();
    }

    /** Opens the export {@code request} asks for; the store is read as the body is. */
    public AuditExport open(ExportRequest request) {
        String chain = request.chain();
        AuditHead head = heads.find(chain).orElse(new AuditHead(chain, 0, Sha256.GENESIS, 0));
        long first = Chains.GLOBAL.equals(chain) ? events.firstSeq() : events.firstChainSeq(chain);
        long low = Math.max(Math.max(first, 1), low(request, head.lastSeq()));
        long high = high(request, head.lastSeq());
        Iterator<String> lines;
        long start;
        if (first == 0 || low > high) {
            start = head.lastSeq();
            lines = emptyExport(request.format(), head);
        } else {
            SignedCheckpoint anchor = anchor(chain, low, first);
            start = anchor.checkpoint().seq() + 1;
            lines = lines(request.format(), anchor, high);
        }
        String name = "sealift-audit-" + chain.replace(':', '-') + "-" + start + "-" + Math.max(start - 1, high) + "."
                + request.format().extension();
        return new AuditExport(new LineInputStream(lines), name, request.format());
    }

    private long low(ExportRequest request, long head) {
        if (request.from() instanceof ExportRequest.Bound.Seq seq) {
            return seq.seq();
        }
        if (request.from() instanceof ExportRequest.Bound.Time time) {
            long seq = Chains.GLOBAL.equals(request.chain()) ? events.firstSeqFrom(time.time())
                    : events.firstChainSeqFrom(request.chain(), time.time());
            return seq == 0 ? head + 1 : seq;
        }
        return 1;
    }

    private long high(ExportRequest request, long head) {
        if (request.to() instanceof ExportRequest.Bound.Seq seq) {
            return Math.min(seq.seq(), head);
        }
        if (request.to() instanceof ExportRequest.Bound.Time time) {
            return Math.min(head, Chains.GLOBAL.equals(request.chain()) ? events.lastSeqUntil(time.time())
                    : events.lastChainSeqUntil(request.chain(), time.time()));
        }
        return head;
    }

    /**
     * Returns the checkpoint to start from: the latest stored one before {@code low} whose records
     * are still kept; else the genesis; else (records purged without a checkpoint, which purges
     * never do) one signed now over the first kept record's link.
     */
    private SignedCheckpoint anchor(String chain, long low, long first) {
        Optional<AuditCheckpoint> stored = checkpoints.latestAtOrBefore(chain, low - 1)
                .filter(checkpoint -> checkpoint.seq() >= first - 1);
        if (stored.isPresent()) {
            return stored.get().signed();
        }
        if (first <= 1) {
            return checkpointer.sign(chain, 0, Sha256.GENESIS);
        }
        AuditEvent firstKept = page(chain, first - 1, first, 1).get(0);
        return checkpointer.sign(chain, first - 1, firstKept.exported().record().prevIn(chain));
    }

    private Iterator<String> lines(ExportFormat format, SignedCheckpoint anchor, long high) {
        String chain = anchor.checkpoint().chain();
        long after = anchor.checkpoint().seq();
        Pages<AuditEvent> records = new Pages<>((from, limit) -> page(chain, from, high, limit),
                e -> seqIn(chain, e), after, pageSize);
        if (format == ExportFormat.CSV) {
            return new CsvLines(records);
        }
        Pages<AuditCheckpoint> stored = new Pages<>((from, limit) -> checkpoints.page(chain, from, high, limit),
                AuditCheckpoint::seq, after, pageSize);
        return new JsonlLines(new ExportHeader(chain, key.publicKey()), anchor, records, stored, checkpointer);
    }

    private Iterator<String> emptyExport(ExportFormat format, AuditHead head) {
        if (format == ExportFormat.CSV) {
            return List.of(CsvLines.HEADER).iterator();
        }
        return List.of(new ExportHeader(head.chain(), key.publicKey()).line(),
                checkpointer.sign(head.chain(), head.lastSeq(), head.lastHash()).line()).iterator();
    }

    private List<AuditEvent> page(String chain, long after, long last, int limit) {
        return Chains.GLOBAL.equals(chain) ? events.globalPage(after, last, limit)
                : events.chainPage(chain, after, last, limit);
    }

    private static long seqIn(String chain, AuditEvent event) {
        return Chains.GLOBAL.equals(chain) ? event.seq() : event.chainSeq();
    }
}
