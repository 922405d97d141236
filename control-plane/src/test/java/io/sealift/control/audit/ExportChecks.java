package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.FormatException;
import io.sealift.audit.verify.ExportVerifier;
import io.sealift.audit.verify.PinnedCheckpoint;
import io.sealift.audit.verify.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs exports through the auditors' verifier, as an auditor would, and reads their lines. */
final class ExportChecks {
    private ExportChecks() {
    }

    /** Exports all of {@code chain} and returns the verifier's verdict. */
    static Verdict verify(AuditExports exports, AuditKey key, String chain) {
        return verify(read(exports.open(ExportRequest.parse(chain, null, null, null))), key, Optional.empty());
    }

    /** Exports all of {@code chain} and asserts it verifies. */
    static Verdict.Valid assertValid(AuditExports exports, AuditKey key, String chain) {
        Verdict verdict = verify(exports, key, chain);
        return assertInstanceOf(Verdict.Valid.class, verdict, verdict::report);
    }

    /** Verifies export bytes against {@code key}'s fingerprint. */
    static Verdict verify(byte[] export, AuditKey key, Optional<PinnedCheckpoint> pin) {
        try {
            return new ExportVerifier(key.publicKey().fingerprint(), pin).verify(new ByteArrayInputStream(export));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a whole export. */
    static byte[] read(AuditExport export) {
        try (InputStream body = export.body()) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses every line of a JSON Lines export. */
    static List<ExportLine> parse(byte[] export) {
        List<ExportLine> lines = new ArrayList<>();
        for (String line : new String(export, StandardCharsets.UTF_8).split("\n")) {
            try {
                lines.add(ExportLine.parse(line));
            } catch (FormatException e) {
                throw new AssertionError("not an export line: " + line, e);
            }
        }
        return lines;
    }
}
