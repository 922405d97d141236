package io.sealift.agent.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A key fingerprint: {@code sha256:} followed by the 64 lowercase hex digits of a SHA-256 digest.
 *
 * <p>An agent's fingerprint is the digest of its raw 32-byte Ed25519 identity public key; the
 * control plane CA's is the digest of its certificate's DER SubjectPublicKeyInfo. Fingerprints
 * are public values, safe to print and log. Instances are immutable.
 */
public record Fingerprint(String value) {
    private static final String PREFIX = "sha256:";
    private static final Pattern FORMAT = Pattern.compile("sha256:[0-9a-f]{64}");

    /** The rule a fingerprint string must follow, for error messages. */
    public static final String RULE = "'sha256:' followed by 64 lowercase hex digits";

    /**
     * Creates a fingerprint from its string form.
     *
     * @throws IllegalArgumentException if {@code value} does not follow {@link #RULE}
     */
    public Fingerprint {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("fingerprint must be " + RULE);
        }
    }

    /** Parses {@code value}; same as the constructor, for readability at call sites. */
    public static Fingerprint parse(String value) {
        return new Fingerprint(value);
    }

    /** Returns whether {@code value} is a well-formed fingerprint string. */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** Returns the fingerprint of {@code data}: the SHA-256 digest of exactly these bytes. */
    public static Fingerprint of(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            return new Fingerprint(PREFIX + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
