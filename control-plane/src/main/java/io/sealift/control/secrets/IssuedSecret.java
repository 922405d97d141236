package io.sealift.control.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A bearer secret the control plane hands out once (an API token or an enrollment token).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the value: read it only
 * through {@link #revealOnce()}, when returning it to the caller who asked for it. The store
 * keeps only {@link #hash()}. Tokens carry 256 bits from a {@link SecureRandom}, so a plain
 * SHA-256 is a sufficient, fast lookup hash: there is nothing to brute-force.
 */
public final class IssuedSecret {
    private final String value;

    private IssuedSecret(String value) {
        this.value = value;
    }

    /** Generates a new secret: {@code prefix} followed by 43 base64url characters. */
    public static IssuedSecret generate(String prefix, SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new IssuedSecret(prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Wraps a secret presented by a client, for hashing and lookup. */
    public static IssuedSecret presented(String value) {
        return new IssuedSecret(Objects.requireNonNull(value, "value"));
    }

    /** Returns the secret's value: the one place it is read, grep for it. */
    public String revealOnce() {
        return value;
    }

    /** Returns the lowercase hex SHA-256 of the secret, as stored. */
    public String hash() {
        return hashOf(value);
    }

    /** Returns the lowercase hex SHA-256 of {@code value}. */
    static String hashOf(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "IssuedSecret[redacted]";
    }
}
