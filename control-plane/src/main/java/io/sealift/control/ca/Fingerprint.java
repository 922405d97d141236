package io.sealift.control.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes key fingerprints: {@code sha256:} followed by the 64 lowercase hex digits of a SHA-256
 * digest, the format agents pin and print.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fingerprint {
    /** The prefix of every fingerprint. */
    public static final String PREFIX = "sha256:";

    private Fingerprint() {
    }

    /** Returns the fingerprint of {@code bytes} (a raw public key or a DER SubjectPublicKeyInfo). */
    public static String of(byte[] bytes) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
