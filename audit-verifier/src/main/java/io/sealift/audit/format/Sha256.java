package io.sealift.audit.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 digests as the export format writes them: 64 lowercase hex digits.
 *
 * <p>Stateless and thread-safe.
 */
public final class Sha256 {
    /** The previous-record hash of a chain's first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** Returns the lowercase hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Returns the lowercase hex SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String hexOfUtf8(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns whether {@code value} is 64 lowercase hex digits. */
    public static boolean isHex(String value) {
        return value != null && HEX64.matcher(value).matches();
    }

    /**
     * Returns {@code value} if it is 64 lowercase hex digits.
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static String requireHex(String field, String value) {
        if (!isHex(value)) {
            throw new IllegalArgumentException(field + " must be 64 lowercase hex digits (a SHA-256)");
        }
        return value;
    }
}
