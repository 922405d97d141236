package io.sealift.audit.format;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A record line of an export: the record's canonical members plus {@code hash}, the hash the
 * control plane computed when it appended the record.
 *
 * <p>Immutable and thread-safe. The line is itself canonical JSON, so any change to its bytes
 * changes what it parses to, and with it either the record's hash or the claimed one.
 *
 * @param record the record
 * @param hash the hash stored with it; for an untampered record, {@code record.hash()}
 */
public record ExportedRecord(AuditRecord record, String hash) implements ExportLine {
    private static final Set<String> MEMBERS = Set.of("action", "actor", "chain", "chainPrev", "chainSeq",
            "correlationId", "details", "hash", "outcome", "prev", "seq", "target", "tenant", "time", "type", "v");

    /** Validates the hash's shape. */
    public ExportedRecord {
        Objects.requireNonNull(record, "record");
        Sha256.requireHex("hash", hash);
    }

    /** Returns the export line (without its line feed). */
    @Override
    public String line() {
        Map<String, Object> members = record.members();
        members.put("hash", hash);
        return CanonicalJson.write(members);
    }

    /** Returns whether the stored hash is the record's own. */
    public boolean hashMatches() {
        return hash.equals(record.hash());
    }

    /**
     * Reads a record line that {@link CanonicalJson#parseObject} parsed.
     *
     * @throws FormatException if a member is missing, unexpected or of the wrong type or shape
     */
    public static ExportedRecord parse(Map<String, Object> object) throws FormatException {
        Fields fields = Fields.exactly(object, MEMBERS);
        fields.requireConstant("type", AuditRecord.TYPE);
        fields.requireConstant("v", AuditRecord.VERSION);
        try {
            AuditRecord record = new AuditRecord(fields.integer("seq"), fields.string("prev"),
                    fields.string("chain"), fields.integer("chainSeq"), fields.string("chainPrev"),
                    Timestamps.parse("time", fields.string("time")), tenant(fields.nullableString("tenant")),
                    fields.string("actor"), fields.string("action"), fields.nullableString("target"),
                    fields.string("outcome"), fields.nullableString("correlationId"), fields.stringMap("details"));
            return new ExportedRecord(record, fields.string("hash"));
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }

    private static UUID tenant(String text) throws FormatException {
        if (text == null) {
            return null;
        }
        try {
            UUID tenant = UUID.fromString(text);
            if (tenant.toString().equals(text)) {
                return tenant;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new FormatException("tenant must be a lowercase UUID or null");
    }
}
