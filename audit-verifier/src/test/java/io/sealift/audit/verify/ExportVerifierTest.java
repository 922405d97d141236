package io.sealift.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The verifier against the tamper matrix: each class of tampering is detected and named by the
 * first bad sequence number, and clean exports, large ones included, verify.
 */
class ExportVerifierTest {
    private static final TestKey KEY = TestKey.generate();
    private static final List<ExportedRecord> LOG = TestExports.log(300);
    private static final List<String> GLOBAL = TestExports.export(LOG, Chains.GLOBAL, KEY, 10);

    @Test
    void cleanExport_ofTenThousandRecords_isValid() throws IOException {
        List<String> lines = TestExports.export(TestExports.log(10_000), Chains.GLOBAL, KEY, 1_000);

        Verdict.Valid verdict = assertInstanceOf(Verdict.Valid.class, verify(lines));

        assertEquals("10,000 records, 12 checkpoints: valid", verdict.summary());
        assertEquals(10_000, verdict.lastSeq());
    }

    @Test
    void tenantExport_holdsOnlyItsChain_andIsValid() throws IOException {
        List<String> lines = TestExports.export(LOG, Chains.scopeOf(TestExports.ACME), KEY, 10);

        Verdict.Valid verdict = assertInstanceOf(Verdict.Valid.class, verify(lines));

        assertEquals(100, verdict.records());
        assertFalse(String.join("\n", lines).contains(TestExports.GLOBEX.toString()));
    }

    @Test
    void editedByte_isDetectedAtItsRecord() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        int at = TestExports.lineOf(lines, Chains.GLOBAL, 42);
        lines.set(at, lines.get(at).replace("\"outcome\":\"success\"", "\"outcome\":\"suckess\""));

        assertInvalidAt(42, verify(lines));
    }

    @Test
    void deletedRecord_isDetectedAtItsSequenceNumber() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        lines.remove(TestExports.lineOf(lines, Chains.GLOBAL, 42));

        assertInvalidAt(42, verify(lines));
    }

    @Test
    void deletedRecordBeforeACheckpoint_isDetectedAtItsSequenceNumber() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        lines.remove(TestExports.lineOf(lines, Chains.GLOBAL, 50));

        assertInvalidAt(50, verify(lines));
    }

    @Test
    void insertedRecord_withValidHashAndLink_isDetectedAtTheSequenceItClaims() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        AuditRecord real = record(lines, 42);
        AuditRecord forged = new AuditRecord(42, real.prev(), real.chain(), real.chainSeq(), real.chainPrev(),
                real.time(), real.tenant(), "token:forger", "agent.revoke", "agent:victim", "success", null, Map.of());
        lines.add(TestExports.lineOf(lines, Chains.GLOBAL, 42), new ExportedRecord(forged, forged.hash()).line());

        assertInvalidAt(42, verify(lines));
    }

    @Test
    void insertedCopyOfAnEarlierRecord_isDetectedWhereItWasInserted() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        String copy = lines.get(TestExports.lineOf(lines, Chains.GLOBAL, 7));
        lines.add(TestExports.lineOf(lines, Chains.GLOBAL, 42), copy);

        assertInvalidAt(42, verify(lines));
    }

    @Test
    void reorderedRecords_areDetectedAtTheFirstOutOfPlace() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        int at = TestExports.lineOf(lines, Chains.GLOBAL, 42);
        String record42 = lines.get(at);
        lines.set(at, lines.get(at + 1));
        lines.set(at + 1, record42);

        assertInvalidAt(42, verify(lines));
    }

    @Test
    void truncatedTail_endingAtASignedCheckpoint_isDetectedAgainstThePinnedCheckpoint() throws IOException {
        List<String> truncated = new ArrayList<>(GLOBAL.subList(0, TestExports.checkpointLineOf(GLOBAL, 250) + 1));
        PinnedCheckpoint pin = new PinnedCheckpoint(300, LOG.get(299).hash());

        assertInstanceOf(Verdict.Valid.class, verify(truncated, Optional.empty()),
                "without a pin a cut at a checkpoint looks complete");
        assertInvalidAt(251, verify(truncated, Optional.of(pin)));
    }

    @Test
    void truncatedTail_withoutItsFinalCheckpoint_isDetected() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL.subList(0, TestExports.lineOf(GLOBAL, Chains.GLOBAL, 255) + 1));

        assertInvalidAt(251, verify(lines));
    }

    @Test
    void forgedCheckpointSignature_isDetectedAtTheCheckpoint() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        int at = TestExports.checkpointLineOf(lines, 50);
        Checkpoint claim = new Checkpoint(Chains.GLOBAL, 50, LOG.get(49).hash(), Instant.parse("2026-06-01T00:00:00Z"),
                KEY.fingerprint());
        lines.set(at, TestKey.generate().sign(claim).line());

        assertInvalidAt(50, verify(lines));
    }

    @Test
    void editedSignatureByte_isDetectedAtTheCheckpoint() throws IOException {
        List<String> lines = new ArrayList<>(GLOBAL);
        int at = TestExports.checkpointLineOf(lines, 50);
        String line = lines.get(at);
        int signature = line.indexOf("\"signature\":\"") + 20;
        char flipped = line.charAt(signature) == 'A' ? 'B' : 'A';
        lines.set(at, line.substring(0, signature) + flipped + line.substring(signature + 1));

        assertInvalidAt(50, verify(lines));
    }

    @Test
    void swappedKey_everyCheckpointResigned_isDetectedAtTheFirstRecord() throws IOException {
        TestKey attacker = TestKey.generate();
        List<String> lines = TestExports.export(LOG, Chains.GLOBAL, attacker, 10);

        Verdict verdict = verify(lines);

        assertInvalidAt(1, verdict);
        assertTrue(verdict.report().contains(attacker.fingerprint()), verdict::report);
    }

    @Test
    void pinnedCheckpoint_inTheExport_isAccepted_andARewrittenOneIsNot() throws IOException {
        assertInstanceOf(Verdict.Valid.class,
                verify(GLOBAL, Optional.of(new PinnedCheckpoint(120, LOG.get(119).hash()))));
        assertInvalidAt(120, verify(GLOBAL, Optional.of(new PinnedCheckpoint(120, LOG.get(118).hash()))));
    }

    @Test
    void everyFlippedByte_ofASmallExport_isDetected() throws IOException {
        byte[] clean = TestExports.bytes(TestExports.export(TestExports.log(6), Chains.GLOBAL, KEY, 3));
        assertInstanceOf(Verdict.Valid.class, verify(clean));

        for (int i = 0; i < clean.length; i++) {
            byte[] tampered = clean.clone();
            tampered[i] ^= 0x01;
            assertFalse(verify(tampered).valid(), "flipping byte " + i + " went unnoticed");
        }
    }

    @Test
    void validExport_reportsThePinForNextTime() throws IOException {
        Verdict verdict = verify(GLOBAL);

        assertTrue(verdict.report().contains("--pinned-checkpoint 300:" + LOG.get(299).hash()), verdict::report);
    }

    @Test
    void emptyFile_andMissingHeader_areInvalidWithoutASequenceNumber() throws IOException {
        assertEquals(-1, ((Verdict.Invalid) verify(new byte[0])).seq());
        assertEquals(-1, ((Verdict.Invalid) verify(GLOBAL.subList(1, GLOBAL.size()))).seq());
    }

    private static AuditRecord record(List<String> lines, long seq) {
        try {
            ExportLine line = ExportLine.parse(lines.get(TestExports.lineOf(lines, Chains.GLOBAL, seq)));
            return ((ExportedRecord) line).record();
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertInvalidAt(long seq, Verdict verdict) {
        Verdict.Invalid invalid = assertInstanceOf(Verdict.Invalid.class, verdict);
        assertEquals(seq, invalid.seq(), invalid::report);
    }

    private static Verdict verify(List<String> lines) throws IOException {
        return verify(lines, Optional.empty());
    }

    private static Verdict verify(List<String> lines, Optional<PinnedCheckpoint> pin) throws IOException {
        return new ExportVerifier(KEY.fingerprint(), pin).verify(new ByteArrayInputStream(TestExports.bytes(lines)));
    }

    private static Verdict verify(byte[] export) throws IOException {
        return new ExportVerifier(KEY.fingerprint(), Optional.empty()).verify(new ByteArrayInputStream(export));
    }
}
