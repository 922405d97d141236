package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.config.TinkConfig2026;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.ExportHeader;
import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.FormatException;
import io.sealift.audit.format.SignedCheckpoint;
import io.sealift.control.audit.internal.AuditKeyFile;
import io.sealift.control.testing.TempDataDir;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seven tamper classes against a real export of the control plane, checked with
 * {@code sealift-control audit verify}: each is detected and named by the right sequence number,
 * and the untouched export is valid.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTamperTest extends TempDataDir {
    @Inject
    AuditLog log;
    @Inject
    AuditExports exports;
    @Inject
    AuditKey key;

    private List<String> clean;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("sealift.audit.checkpoint-every-records", "10", "sealift.audit.checkpoint-interval", "1000d");
    }

    @BeforeAll
    void appendAndExport() {
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < 59; i++) {
            log.record(new AuditEntry(i % 2 == 0 ? tenant : null, "token:" + UUID.randomUUID(), "api-token.create",
                    "api-token:" + i, "success", "corr-" + i, Map.of("role", "auditor")));
        }
        clean = List.of(new String(ExportChecks.read(exports.open(ExportRequest.parse(Chains.GLOBAL, null, null,
                null))), StandardCharsets.UTF_8).split("\n"));
        assertEquals(60, records(clean).size(), "the bootstrap record and 59 more");
    }

    @Test
    void untouchedExport_isValid() {
        AuditCli.Run run = verify(clean);

        assertEquals(0, run.status(), run::output);
        assertTrue(run.output().startsWith("60 records, "), run::output);
    }

    @Test
    void editedByte_isNamedByItsSequenceNumber() {
        List<String> lines = new ArrayList<>(clean);
        int at = lineOf(lines, 23);
        lines.set(at, lines.get(at).replace("\"action\":\"api-token.create\"", "\"action\":\"api-token.creatE\""));

        assertInvalidAt(23, verify(lines));
    }

    @Test
    void deletedRecord_isNamedByItsSequenceNumber() {
        List<String> lines = new ArrayList<>(clean);
        lines.remove(lineOf(lines, 23));

        assertInvalidAt(23, verify(lines));
    }

    @Test
    void insertedRecord_isNamedByTheSequenceNumberItClaims() {
        List<String> lines = new ArrayList<>(clean);
        AuditRecord real = record(lines.get(lineOf(lines, 23)));
        AuditRecord forged = new AuditRecord(23, real.prev(), Chains.PLATFORM, 1, real.chainPrev(), real.time(), null,
                "token:" + UUID.randomUUID(), "tenant.create", "tenant:forged", "success", null, Map.of());
        lines.add(lineOf(lines, 23), new ExportedRecord(forged, forged.hash()).line());

        assertInvalidAt(23, verify(lines));
    }

    @Test
    void reorderedRecords_areNamedByTheFirstOutOfPlace() {
        List<String> lines = new ArrayList<>(clean);
        int at = lineOf(lines, 23);
        lines.add(at + 1, lines.remove(at));

        assertInvalidAt(23, verify(lines));
    }

    @Test
    void truncatedTail_isNamedAgainstThePinnedCheckpoint() {
        List<String> lines = new ArrayList<>(clean.subList(0, lineOf(clean, 40) + 2));
        assertTrue(lines.get(lines.size() - 1).contains("\"type\":\"checkpoint\""), "cut after checkpoint 40");
        AuditRecord last = record(clean.get(lineOf(clean, 60)));

        assertEquals(0, verify(lines).status(), "cut at a checkpoint, the file alone looks whole");
        assertInvalidAt(41, verify(lines, "--pinned-checkpoint", "60:" + last.hash()));
    }

    @Test
    void forgedCheckpointSignature_isNamedByTheCheckpointsSequenceNumber() {
        List<String> lines = new ArrayList<>(clean);
        int at = lineOf(lines, 30) + 1;
        SignedCheckpoint stored = checkpoint(lines.get(at));
        lines.set(at, forge(stored.checkpoint()).line());

        assertInvalidAt(30, verify(lines));
    }

    @Test
    void swappedKey_isNamedAtTheFirstRecord() {
        AuditKey attacker = otherKey();
        List<String> lines = new ArrayList<>();
        for (String line : clean) {
            ExportLine parsed = parse(line);
            if (parsed instanceof ExportHeader header) {
                lines.add(new ExportHeader(header.chain(), attacker.publicKey()).line());
            } else if (parsed instanceof SignedCheckpoint signed) {
                Checkpoint c = signed.checkpoint();
                lines.add(attacker.sign(new Checkpoint(c.chain(), c.seq(), c.hash(), c.time(),
                        attacker.publicKey().fingerprint())).line());
            } else {
                lines.add(line);
            }
        }

        AuditCli.Run run = verify(lines);
        assertInvalidAt(1, run);
        assertTrue(run.output().contains("not by the pinned key"), run::output);
    }

    private AuditCli.Run verify(List<String> lines, String... extra) {
        return AuditCli.verify(String.join("\n", lines) + "\n", key.publicKey().fingerprint(), extra);
    }

    private static void assertInvalidAt(long seq, AuditCli.Run run) {
        assertEquals(1, run.status(), run::output);
        assertTrue(run.output().startsWith("invalid at sequence " + seq + " "), run::output);
    }

    private static AuditKey otherKey() {
        try {
            return new AuditKey(KeysetHandle.generateNew(AuditKeyFile.parameters(), TinkConfig2026.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code checkpoint}, which names the real key, with another key: what a forger can do. */
    private static SignedCheckpoint forge(Checkpoint checkpoint) {
        try {
            PublicKeySign forger = KeysetHandle.generateNew(AuditKeyFile.parameters(), TinkConfig2026.get())
                    .getPrimitive(TinkConfig2026.get(), PublicKeySign.class);
            return SignedCheckpoint.sign(checkpoint, statement -> {
                try {
                    return forger.sign(statement);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int lineOf(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (parse(lines.get(i)) instanceof ExportedRecord r && r.record().seq() == seq) {
                return i;
            }
        }
        throw new AssertionError("no record " + seq);
    }

    private static List<AuditRecord> records(List<String> lines) {
        return lines.stream().map(AuditTamperTest::parse).filter(ExportedRecord.class::isInstance)
                .map(l -> ((ExportedRecord) l).record()).toList();
    }

    private static AuditRecord record(String line) {
        return ((ExportedRecord) parse(line)).record();
    }

    private static SignedCheckpoint checkpoint(String line) {
        return (SignedCheckpoint) parse(line);
    }

    private static ExportLine parse(String line) {
        try {
            return ExportLine.parse(line);
        } catch (FormatException e) {
            throw new AssertionError(line, e);
        }
    }
}
