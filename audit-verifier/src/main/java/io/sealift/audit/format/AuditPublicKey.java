package io.sealift.audit.format;

import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.crypto.tink.util.Bytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The control plane's audit public key: a raw 32-byte Ed25519 public key (RFC 8032), which
 * verifies checkpoint signatures.
 *
 * <p>Immutable and thread-safe. Its fingerprint is {@code sha256:} and the lowercase hex SHA-256
 * of the 32 raw bytes; exports and {@code GET /api/v1/audit/key} carry the key as standard
 * base64 (with padding) of the same 32 bytes.
 */
public final class AuditPublicKey {
    /** The length of a raw Ed25519 public key. */
    public static final int LENGTH = 32;
    /** The length of a raw Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

    private final byte[] raw;

    private AuditPublicKey(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Wraps a raw public key.
     *
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static AuditPublicKey ofRaw(byte[] raw) {
        if (raw == null || raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + LENGTH + " bytes, not "
                    + (raw == null ? 0 : raw.length));
        }
        return new AuditPublicKey(raw.clone());
    }

    /**
     * Decodes a key written as standard base64 of its raw bytes.
     *
     * @throws IllegalArgumentException if it is not base64 of 32 bytes
     */
    public static AuditPublicKey ofBase64(String text) {
        byte[] raw = Base64.getDecoder().decode(text);
        AuditPublicKey key = ofRaw(raw);
        if (!key.base64().equals(text)) {
            throw new IllegalArgumentException("the public key is not in canonical base64");
        }
        return key;
    }

    /** Returns whether {@code text} has the shape of a fingerprint: sha256: and 64 lowercase hex digits. */
    public static boolean isFingerprint(String text) {
        return text != null && FINGERPRINT.matcher(text).matches();
    }

    /** Returns {@code sha256:} and the lowercase hex SHA-256 of the raw key. */
    public String fingerprint() {
        return "sha256:" + Sha256.hex(raw);
    }

    /** Returns the raw key as standard base64 with padding. */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Returns a copy of the raw 32 bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Returns whether {@code signature} is this key's Ed25519 signature of {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Ed25519Verify.create(Ed25519PublicKey.create(Bytes.copyFrom(raw))).verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditPublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "AuditPublicKey[" + fingerprint() + "]";
    }
}
