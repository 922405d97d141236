package io.sealift.audit.format;

import java.util.Map;

/**
 * One line of a JSON Lines audit export: the {@link ExportHeader}, a {@link SignedCheckpoint} or
 * an {@link ExportedRecord}. Every line is one object in {@link CanonicalJson canonical form},
 * followed by a line feed; its {@code type} member says which it is.
 */
public sealed interface ExportLine permits ExportHeader, SignedCheckpoint, ExportedRecord {

    /** Returns the line's text, without its line feed. */
    String line();

    /**
     * Parses one line of an export.
     *
     * @throws FormatException if it is not canonical JSON, has no known {@code type}, or breaks a
     *     rule of that type
     */
    static ExportLine parse(String text) throws FormatException {
        Map<String, Object> object = CanonicalJson.parseObject(text);
        String canonical;
        try {
            canonical = CanonicalJson.write(object);
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
        if (!canonical.equals(text)) {
            throw new FormatException("the line is not in canonical form");
        }
        Object type = object.get("type");
        if (ExportHeader.TYPE.equals(type)) {
            return ExportHeader.parse(object);
        }
        if (Checkpoint.TYPE.equals(type)) {
            return SignedCheckpoint.parse(object);
        }
        if (AuditRecord.TYPE.equals(type)) {
            return ExportedRecord.parse(object);
        }
        throw new FormatException("type must be header, checkpoint or record");
    }
}
