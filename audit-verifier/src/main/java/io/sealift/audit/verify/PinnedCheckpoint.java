package io.sealift.audit.verify;

import io.sealift.audit.format.Sha256;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point of the chain an auditor saw before ({@code --pinned-checkpoint SEQ:HASH}): a new export
 * must contain record {@code seq} with this {@code hash}, so it extends what was seen and its
 * tail cannot have been cut.
 *
 * <p>Immutable.
 *
 * @param seq the sequence number, in the exported chain, of the pinned record
 * @param hash its hash: 64 lowercase hex digits
 */
public record PinnedCheckpoint(long seq, String hash) {
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,18}):([0-9a-f]{64})");

    /** Validates the pin. */
    public PinnedCheckpoint {
        if (seq < 0) {
            throw new IllegalArgumentException("the pinned sequence number must be 0 or more, not " + seq);
        }
        Sha256.requireHex("the pinned hash", hash);
    }

    /**
     * Parses {@code SEQ:HASH}, as the verifier prints it after a valid export.
     *
     * @throws IllegalArgumentException if {@code text} does not have that shape
     */
    public static PinnedCheckpoint parse(String text) {
        Matcher matcher = SHAPE.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a pinned checkpoint is SEQ:HASH, a sequence number, a colon and 64"
                    + " lowercase hex digits");
        }
        return new PinnedCheckpoint(Long.parseLong(matcher.group(1)), matcher.group(2));
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
