package io.sealift.agent.enroll;

/**
 * A single-use enrollment token issued by the control plane's REST API: a secret.
 *
 * <p>{@link #toString()} never shows the value, and no message built by this class contains it.
 * The value is read only through {@link #reveal()}, which has one caller: the code that puts it
 * into the {@code EnrollRequest}. Immutable and thread-safe.
 */
public final class EnrollmentToken {
    private static final int MAX_LENGTH = 4096;

    private final String value;

    private EnrollmentToken(String value) {
        this.value = value;
    }

    /**
     * Wraps {@code text}, ignoring surrounding whitespace (a token file may end with a newline).
     *
     * @throws IllegalArgumentException if the token is empty, too long, or holds characters other
     *     than printable ASCII; the message does not contain the token
     */
    public static EnrollmentToken of(String text) {
        String token = text == null ? "" : text.strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("enrollment token is empty");
        }
        if (token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("enrollment token is longer than " + MAX_LENGTH + " characters");
        }
        if (!token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("enrollment token must be printable ASCII without spaces");
        }
        return new EnrollmentToken(token);
    }

    /** Returns the secret value. The one read of the token: only for the enrollment request. */
    String reveal() {
        return value;
    }

    /** Returns {@code text} with every occurrence of the token replaced by {@code [redacted]}. */
    public String redactFrom(String text) {
        return text == null ? null : text.replace(value, "[redacted]");
    }

    @Override
    public String toString() {
        return "EnrollmentToken[redacted]";
    }
}
