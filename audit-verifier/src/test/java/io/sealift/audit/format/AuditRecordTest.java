package io.sealift.audit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The record's canonical form and hash, against a vector computed independently (Python's
 * {@code json.dumps(sort_keys=True, separators=(',', ':'), ensure_ascii=False)} and
 * {@code hashlib.sha256}), and the rules a record must follow. docs/audit-log.md quotes the same
 * vector for other implementers.
 */
class AuditRecordTest {
    private static final UUID TENANT = UUID.fromString("0b7e1f2a-4c3d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String CANONICAL = "{\"action\":\"tenant.create\","
            + "\"actor\":\"token:6f1c2a8e-3b0d-4f5e-9a7c-1d2e3f405162\","
            + "\"chain\":\"tenant:0b7e1f2a-4c3d-4e5f-8a9b-0c1d2e3f4a5b\","
            + "\"chainPrev\":\"0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"chainSeq\":1,\"correlationId\":\"req-42\","
            + "\"details\":{\"name\":\"acme\",\"note\":\"café \\\"q\\\" \\\\\"},\"outcome\":\"success\","
            + "\"prev\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"seq\":1,"
            + "\"target\":\"tenant:0b7e1f2a-4c3d-4e5f-8a9b-0c1d2e3f4a5b\","
            + "\"tenant\":\"0b7e1f2a-4c3d-4e5f-8a9b-0c1d2e3f4a5b\",\"time\":\"2026-05-01T12:00:00.123456Z\","
            + "\"type\":\"record\",\"v\":1}";

    @Test
    void canonicalFormAndHash_matchTheIndependentVector() {
        AuditRecord record = vector();

        assertEquals(CANONICAL, record.canonicalForm());
        assertEquals("b2bdcfa77f560aec539c86714cb0f0d25b6b5296f06e7a34a7686ecb5dd57768", record.hash());
    }

    @Test
    void exportLine_isTheCanonicalFormPlusTheHash_andParsesBack() throws FormatException {
        AuditRecord record = vector();
        String line = new ExportedRecord(record, record.hash()).line();

        assertTrue(line.contains(",\"hash\":\"" + record.hash() + "\","), line);
        ExportedRecord parsed = (ExportedRecord) ExportLine.parse(line);
        assertEquals(record, parsed.record());
        assertTrue(parsed.hashMatches());
    }

    @Test
    void rules_areEnforced_withTheMemberNamed() {
        String genesis = Sha256.GENESIS;
        Instant time = Instant.parse("2026-05-01T12:00:00Z");
        assertMessage("seq", () -> new AuditRecord(0, genesis, "platform", 1, genesis, time, null, "a", "b", null,
                "c", null, Map.of()));
        assertMessage("chain", () -> new AuditRecord(1, genesis, "platform", 1, genesis, time, TENANT, "a", "b",
                null, "c", null, Map.of()));
        assertMessage("time", () -> new AuditRecord(1, genesis, "platform", 1, genesis, time.plusNanos(1), null,
                "a", "b", null, "c", null, Map.of()));
        assertMessage("prev", () -> new AuditRecord(1, "AB", "platform", 1, genesis, time, null, "a", "b", null,
                "c", null, Map.of()));
        assertMessage("details", () -> new AuditRecord(1, genesis, "platform", 1, genesis, time, null, "a", "b",
                null, "c", null, Map.of("bad key", "x")));
    }

    private static AuditRecord vector() {
        return new AuditRecord(1, Sha256.GENESIS, "tenant:" + TENANT, 1, Sha256.GENESIS,
                Instant.parse("2026-05-01T12:00:00.123456Z"), TENANT, "token:6f1c2a8e-3b0d-4f5e-9a7c-1d2e3f405162",
                "tenant.create", "tenant:" + TENANT, "success", "req-42",
                Map.of("name", "acme", "note", "café \"q\" \\"));
    }

    private static void assertMessage(String member, org.junit.jupiter.api.function.Executable creation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, creation);
        assertTrue(e.getMessage().startsWith(member), e.getMessage());
    }
}
