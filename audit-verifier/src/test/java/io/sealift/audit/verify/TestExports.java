package io.sealift.audit.verify;

import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.ExportHeader;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds audit logs in memory the way the control plane appends them (global chain plus scope
 * chains), and exports a chain as JSON Lines with a checkpoint every few records.
 */
final class TestExports {
    static final UUID ACME = UUID.fromString("00000000-0000-4000-8000-000000000ace");
    static final UUID GLOBEX = UUID.fromString("00000000-0000-4000-8000-0000000610be");
    private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

    private TestExports() {
    }

    /** Appends {@code count} records, cycling through ACME, GLOBEX and the platform. */
    static List<ExportedRecord> log(int count) {
        Map<String, ExportedRecord> heads = new HashMap<>();
        List<ExportedRecord> log = new ArrayList<>(count);
        String prev = Sha256.GENESIS;
        for (int i = 1; i <= count; i++) {
            UUID tenant = switch (i % 3) {
                case 0 -> ACME;
                case 1 -> GLOBEX;
                default -> null;
            };
            String chain = Chains.scopeOf(tenant);
            ExportedRecord head = heads.get(chain);
            AuditRecord record = new AuditRecord(i, prev, chain, head == null ? 1 : head.record().chainSeq() + 1,
                    head == null ? Sha256.GENESIS : head.hash(), START.plus(i, ChronoUnit.MILLIS), tenant,
                    "token:" + new UUID(0, i), "api-token.create", "api-token:" + new UUID(1, i), "success",
                    "corr-" + i, Map.of("role", "auditor", "n", Integer.toString(i), "quote", "\"\\\u0001é"));
            ExportedRecord exported = new ExportedRecord(record, record.hash());
            heads.put(chain, exported);
            log.add(exported);
            prev = exported.hash();
        }
        return log;
    }

    /** Exports {@code chain} of {@code log} from the start, with a checkpoint every {@code every} records. */
    static List<String> export(List<ExportedRecord> log, String chain, TestKey key, int every) {
        List<String> lines = new ArrayList<>();
        lines.add(new ExportHeader(chain, key.publicKey()).line());
        lines.add(key.sign(Checkpoint.genesis(chain, START, key.fingerprint())).line());
        ExportedRecord last = null;
        for (ExportedRecord exported : log) {
            if (!Chains.GLOBAL.equals(chain) && !chain.equals(exported.record().chain())) {
                continue;
            }
            lines.add(exported.line());
            last = exported;
            long seq = exported.record().seqIn(chain);
            if (seq % every == 0) {
                lines.add(checkpoint(chain, seq, exported.hash(), key));
            }
        }
        if (last != null) {
            lines.add(checkpoint(chain, last.record().seqIn(chain), last.hash(), key));
        }
        return lines;
    }

    static String checkpoint(String chain, long seq, String hash, TestKey key) {
        return key.sign(new Checkpoint(chain, seq, hash, START.plusSeconds(seq), key.fingerprint())).line();
    }

    static byte[] bytes(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the index in {@code lines} of the record with {@code seq} in {@code chain}. */
    static int lineOf(List<String> lines, String chain, long seq) {
        String wanted = Chains.GLOBAL.equals(chain) ? "\"seq\":" + seq + "," : "\"chainSeq\":" + seq + ",";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"record\"") && lines.get(i).contains(wanted)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record " + seq);
    }

    /** Returns the index in {@code lines} of the first checkpoint for {@code seq}. */
    static int checkpointLineOf(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"checkpoint\"") && lines.get(i).contains("\"seq\":" + seq + ",")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no checkpoint " + seq);
    }
}
