package io.sealift.audit.format;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A checkpoint and its Ed25519 signature: a checkpoint line of an export, which is the
 * statement's members plus {@code signature} (standard base64 of the raw 64-byte signature), in
 * canonical form.
 *
 * <p>Immutable and thread-safe.
 *
 * @param checkpoint what is asserted
 * @param signature the audit key's signature of {@link Checkpoint#statement()}, standard base64
 */
public record SignedCheckpoint(Checkpoint checkpoint, String signature) implements ExportLine {
    private static final Set<String> MEMBERS = Set.of("chain", "hash", "keyFingerprint", "seq", "signature", "time",
            "type", "v");

    /** Validates the signature's encoding. */
    public SignedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        byte[] raw = Base64.getDecoder().decode(Objects.requireNonNull(signature, "signature"));
        if (raw.length != AuditPublicKey.SIGNATURE_LENGTH
                || !Base64.getEncoder().encodeToString(raw).equals(signature)) {
            throw new IllegalArgumentException("signature must be canonical base64 of 64 bytes");
        }
    }

    /** Signs {@code checkpoint} with {@code signer}, which returns a raw 64-byte Ed25519 signature. */
    public static SignedCheckpoint sign(Checkpoint checkpoint, Function<byte[], byte[]> signer) {
        return new SignedCheckpoint(checkpoint, Base64.getEncoder().encodeToString(signer.apply(checkpoint.statement())));
    }

    /** Returns whether {@code key} signed this checkpoint. */
    public boolean verifiesWith(AuditPublicKey key) {
        return key.verifies(checkpoint.statement(), Base64.getDecoder().decode(signature));
    }

    /** Returns the export line (without its line feed). */
    @Override
    public String line() {
        Map<String, Object> members = checkpoint.members();
        members.put("signature", signature);
        return CanonicalJson.write(members);
    }

    /**
     * Reads a checkpoint line that {@link CanonicalJson#parseObject} parsed.
     *
     * @throws FormatException if a member is missing, unexpected or of the wrong type or shape
     */
    public static SignedCheckpoint parse(Map<String, Object> object) throws FormatException {
        Fields fields = Fields.exactly(object, MEMBERS);
        fields.requireConstant("type", Checkpoint.TYPE);
        fields.requireConstant("v", Checkpoint.VERSION);
        try {
            Checkpoint checkpoint = new Checkpoint(fields.string("chain"), fields.integer("seq"),
                    fields.string("hash"), Timestamps.parse("time", fields.string("time")),
                    fields.string("keyFingerprint"));
            return new SignedCheckpoint(checkpoint, fields.string("signature"));
        } catch (IllegalArgumentException e) {
            throw new FormatException(e.getMessage());
        }
    }
}
