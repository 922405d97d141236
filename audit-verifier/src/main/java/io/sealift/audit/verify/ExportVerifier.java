package io.sealift.audit.verify;

import io.sealift.audit.format.AuditPublicKey;
import io.sealift.audit.format.ExportHeader;
import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.FormatException;
import io.sealift.audit.format.SignedCheckpoint;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a JSON Lines audit export against the audit key an auditor pinned by fingerprint,
 * and optionally against a checkpoint they pinned earlier.
 *
 * <p>An export is valid when: its first line is a header whose key has the pinned fingerprint;
 * the next is a checkpoint signed by that key (the anchor); every record is canonical, carries
 * its own hash, has the next sequence number of the exported chain and the previous record's
 * hash as its link; every checkpoint is signed by the key and asserts the hash of the record it
 * follows; and the last line is a checkpoint that covers the last record. With a pin, the export
 * must also contain the pinned record with the pinned hash. The first problem found is reported
 * with the first bad sequence number ({@link Verdict.Invalid}).
 *
 * <p>Immutable and thread-safe; {@link #verify} streams, holding one line at a time.
 */
public final class ExportVerifier {
    private final String keyFingerprint;
    private final PinnedCheckpoint pin;

    /**
     * Creates a verifier.
     *
     * @param keyFingerprint the pinned fingerprint of the audit key, {@code sha256:<hex>}
     * @param pin a checkpoint the export must contain, or empty
     * @throws IllegalArgumentException if the fingerprint does not have that shape
     */
    public ExportVerifier(String keyFingerprint, Optional<PinnedCheckpoint> pin) {
        if (!AuditPublicKey.isFingerprint(keyFingerprint)) {
            throw new IllegalArgumentException("a key fingerprint is sha256: and 64 lowercase hex digits");
        }
        this.keyFingerprint = keyFingerprint;
        this.pin = Objects.requireNonNull(pin, "pin").orElse(null);
    }

    /**
     * Verifies the export read from {@code export}; does not close it.
     *
     * @throws IOException if reading fails (a malformed file is a verdict, not an exception)
     */
    public Verdict verify(InputStream export) throws IOException {
        ExportLines lines = new ExportLines(new BufferedInputStream(export, 1 << 16));
        try {
            String first = lines.next();
            if (first == null) {
                return new Verdict.Invalid(-1, 1, "the file is empty; an export starts with a header");
            }
            return walk(lines, new ChainWalk(header(first), keyFingerprint, pin));
        } catch (ExportLines.BadLineException e) {
            return new Verdict.Invalid(-1, 1, e.getMessage());
        } catch (FormatException e) {
            return new Verdict.Invalid(-1, 1, "the first line is not an export header: " + e.getMessage());
        }
    }

    private static ExportHeader header(String text) throws FormatException {
        if (ExportLine.parse(text) instanceof ExportHeader header) {
            return header;
        }
        throw new FormatException("its type is not header");
    }

    private static Verdict walk(ExportLines lines, ChainWalk walk) throws IOException {
        while (true) {
            String text;
            try {
                text = lines.next();
            } catch (ExportLines.BadLineException e) {
                return walk.unreadable(lines.number(), e.getMessage());
            }
            if (text == null) {
                return walk.finish(lines.number());
            }
            Optional<Verdict.Invalid> problem = step(walk, text, lines.number());
            if (problem.isPresent()) {
                return problem.get();
            }
        }
    }

    private static Optional<Verdict.Invalid> step(ChainWalk walk, String text, long line) {
        ExportLine parsed;
        try {
            parsed = ExportLine.parse(text);
        } catch (FormatException e) {
            return Optional.of(walk.unreadable(line, "the line is malformed: " + e.getMessage()));
        }
        if (parsed instanceof SignedCheckpoint checkpoint) {
            return walk.checkpoint(checkpoint, line);
        }
        if (parsed instanceof ExportedRecord record) {
            return walk.record(record, line);
        }
        return Optional.of(walk.unreadable(line, "a second header"));
    }
}
