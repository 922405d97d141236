package io.sealift.audit.format;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The first line of a JSON Lines export: which chain it holds and the public key that signed
 * its checkpoints.
 *
 * <p>Its members: {@code chain}, {@code format} (always {@value #FORMAT}), {@code keyFingerprint},
 * {@code publicKey} (standard base64 of the raw 32-byte Ed25519 key), {@code type} (always
 * {@code "header"}) and {@code v} (always 1), in canonical form. The key is only a convenience:
 * a verifier trusts it only if its fingerprint is the one the auditor pinned. Immutable and
 * thread-safe.
 *
 * @param chain the exported chain
 * @param key the audit public key
 */
public record ExportHeader(String chain, AuditPublicKey key) implements ExportLine {
    /** The value of the {@code format} member. */
    public static final String FORMAT = "sealift-audit-export";
    /** The value of the {@code type} member. */
    public static final String TYPE = "header";
    /** The format version: the value of the {@code v} member. */
    public static final long VERSION = 1;

    private static final Set<String> MEMBERS = Set.of("chain", "format", "keyFingerprint", "publicKey", "type", "v");

    /** Validates the chain's name. */
    public ExportHeader {
        Chains.requireValid(chain);
        Objects.requireNonNull(key, "key");
    }

    /** Returns the export line (without its line feed). */
    @Override
    public String line() {
        Map<String, Object> members = new TreeMap<>();
        members.put("chain", chain);
        members.put("format", FORMAT);
        members.put("keyFingerprint", key.fingerprint());
        members.put("publicKey", key.base64());
        members.put("type", TYPE);
        members.put("v", VERSION);
        return CanonicalJson.write(members);
    }

    /**
     * Reads a header line that {@link CanonicalJson#parseObject} parsed.
     *
     * @throws FormatException if a member is missing, unexpected, of the wrong type or shape, or
     *     the fingerprint is not the key's
     */
    public static ExportHeader parse(Map<String, Object> object) throws FormatException {
        Fields fields = Fields.exactly(object, MEMBERS);
        fields.requireConstant("type", TYPE);
        fields.requireConstant("format", FORMAT);
        fields.requireConstant("v", VERSION);
        try {
            ExportHeader header = new ExportHeader(fields.string("chain"),
                    AuditPublicKey.ofBase64(fields.string("publicKey")));
            if (!header.key().fingerprint().equals(fields.string("keyFingerprint"))) {
                throw new FormatException("keyFingerprint is not the fingerprint of publicKey");
            }
            return header;
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }
}
