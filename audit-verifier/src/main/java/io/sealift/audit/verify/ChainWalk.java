package io.sealift.audit.verify;

import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.ExportHeader;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.SignedCheckpoint;
import java.util.Optional;

/**
 * The state of one verification: where the chain has been verified up to, and what a signed
 * checkpoint covers. Fed the export's lines in order by {@link ExportVerifier}.
 *
 * <p>Not thread-safe. Every check names the first bad sequence number: the record where the
 * file stops being a valid continuation of the chain (for a second record claiming the number
 * just verified, that number).
 */
final class ChainWalk {
    private final ExportHeader header;
    private final String chain;
    private final String pinnedFingerprint;
    private final PinnedCheckpoint pin;
    private boolean anchored;
    private long anchorSeq;
    private long cursorSeq;
    private String cursorHash;
    private long coveredSeq;
    private long records;
    private long checkpoints;

    ChainWalk(ExportHeader header, String pinnedFingerprint, PinnedCheckpoint pin) {
        this.header = header;
        this.chain = header.chain();
        this.pinnedFingerprint = pinnedFingerprint;
        this.pin = pin;
    }

    /** Checks a checkpoint line: the first anchors the walk, the others must cover the last record. */
    Optional<Verdict.Invalid> checkpoint(SignedCheckpoint signed, long line) {
        Checkpoint checkpoint = signed.checkpoint();
        if (!anchored && !header.key().fingerprint().equals(pinnedFingerprint)) {
            return invalid(checkpoint.seq() + 1, line, "the export is signed by key " + header.key().fingerprint()
                    + ", not by the pinned key " + pinnedFingerprint + " (a swapped key): no record can be trusted");
        }
        Optional<Verdict.Invalid> signature = signature(signed, line);
        if (signature.isPresent()) {
            return signature;
        }
        checkpoints++;
        return anchored ? cover(checkpoint, line) : anchor(checkpoint, line);
    }

    /** Checks a record line: its own hash, its sequence number and its link to the previous record. */
    Optional<Verdict.Invalid> record(ExportedRecord exported, long line) {
        if (!anchored) {
            return invalid(-1, line, "a record comes before the starting checkpoint");
        }
        long expected = cursorSeq + 1;
        AuditRecord record = exported.record();
        if (!Chains.GLOBAL.equals(chain) && !chain.equals(record.chain())) {
            return invalid(expected, line, "a record of chain " + record.chain() + " in an export of " + chain);
        }
        if (!exported.hashMatches()) {
            return invalid(expected, line, "the record's content does not match its hash (an edited record)");
        }
        Optional<Verdict.Invalid> position = position(record.seqIn(chain), expected, line);
        if (position.isPresent()) {
            return position;
        }
        if (!record.prevIn(chain).equals(cursorHash)) {
            return invalid(expected, line, "the record does not link to the hash of record " + cursorSeq
                    + " (an inserted, edited or reordered record)");
        }
        cursorSeq = expected;
        cursorHash = exported.hash();
        records++;
        return pinMismatch(line);
    }

    /** Returns the verdict for a line that cannot be read at all. */
    Verdict.Invalid unreadable(long line, String reason) {
        return new Verdict.Invalid(anchored ? cursorSeq + 1 : -1, line, reason);
    }

    /** Returns the verdict at the end of the file. */
    Verdict finish(long lines) {
        if (!anchored) {
            return new Verdict.Invalid(-1, lines, "the export has no starting checkpoint");
        }
        if (coveredSeq != cursorSeq) {
            return new Verdict.Invalid(coveredSeq + 1, lines, "records after sequence " + coveredSeq
                    + " are not covered by a signed checkpoint (a truncated export)");
        }
        if (pin != null && pin.seq() > cursorSeq) {
            return new Verdict.Invalid(cursorSeq + 1, lines, "the export ends at sequence " + cursorSeq
                    + ", before the pinned checkpoint " + pin.seq() + " (a truncated tail)");
        }
        return new Verdict.Valid(chain, records, checkpoints, anchorSeq, cursorSeq, cursorHash);
    }

    private Optional<Verdict.Invalid> signature(SignedCheckpoint signed, long line) {
        Checkpoint checkpoint = signed.checkpoint();
        if (!chain.equals(checkpoint.chain())) {
            return invalid(checkpoint.seq(), line, "a checkpoint of chain " + checkpoint.chain() + " in an export of "
                    + chain);
        }
        if (!header.key().fingerprint().equals(checkpoint.keyFingerprint())) {
            return invalid(checkpoint.seq(), line, "the checkpoint names key " + checkpoint.keyFingerprint()
                    + ", not the export's key");
        }
        if (!signed.verifiesWith(header.key())) {
            return invalid(checkpoint.seq(), line, "the checkpoint's signature does not verify (a forged or edited"
                    + " checkpoint)");
        }
        return Optional.empty();
    }

    private Optional<Verdict.Invalid> anchor(Checkpoint checkpoint, long line) {
        anchored = true;
        anchorSeq = checkpoint.seq();
        cursorSeq = checkpoint.seq();
        cursorHash = checkpoint.hash();
        coveredSeq = checkpoint.seq();
        if (pin != null && pin.seq() < anchorSeq) {
            return invalid(pin.seq(), line, "the export starts after sequence " + anchorSeq
                    + ", past the pinned checkpoint " + pin.seq() + "; export from " + pin.seq() + " or earlier");
        }
        return pinMismatch(line);
    }

    private Optional<Verdict.Invalid> cover(Checkpoint checkpoint, long line) {
        if (checkpoint.seq() > cursorSeq) {
            return invalid(cursorSeq + 1, line, "record " + (cursorSeq + 1) + " is missing: a checkpoint for sequence "
                    + checkpoint.seq() + " follows record " + cursorSeq + " (a deleted record)");
        }
        if (checkpoint.seq() < cursorSeq) {
            return invalid(checkpoint.seq(), line, "a checkpoint for sequence " + checkpoint.seq()
                    + " comes after record " + cursorSeq + " (a moved checkpoint)");
        }
        if (!checkpoint.hash().equals(cursorHash)) {
            return invalid(cursorSeq, line, "record " + cursorSeq + " is not the record the checkpoint signed (an"
                    + " edited or rebuilt chain)");
        }
        coveredSeq = cursorSeq;
        return Optional.empty();
    }

    private Optional<Verdict.Invalid> position(long seq, long expected, long line) {
        if (seq == expected) {
            return Optional.empty();
        }
        if (seq == cursorSeq) {
            return invalid(seq, line, "a second record with sequence " + seq + " (an inserted or duplicated record)");
        }
        if (seq > expected) {
            return invalid(expected, line, "record " + expected + " is missing; the next record is " + seq
                    + " (a deleted or reordered record)");
        }
        return invalid(expected, line, "record " + seq + " comes where record " + expected
                + " belongs (a reordered or replayed record)");
    }

    private Optional<Verdict.Invalid> pinMismatch(long line) {
        if (pin != null && pin.seq() == cursorSeq && !pin.hash().equals(cursorHash)) {
            return invalid(cursorSeq, line, "record " + cursorSeq + " is not the one pinned (" + pin
                    + "): the history was rewritten");
        }
        return Optional.empty();
    }

    private static Optional<Verdict.Invalid> invalid(long seq, long line, String reason) {
        return Optional.of(new Verdict.Invalid(seq, line, reason));
    }
}
