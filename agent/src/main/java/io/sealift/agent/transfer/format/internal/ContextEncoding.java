package io.sealift.agent.transfer.format.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The unambiguous byte encoding of the values that HPKE context info and frame associated data
 * bind: a string is its UTF-8 length as 4 bytes big-endian followed by its UTF-8 bytes; an
 * integer is 8 bytes big-endian; a flag is one byte, 0 or 1. Length prefixes make the
 * concatenation injective, so no two different tuples encode alike.
 *
 * <p>Not thread-safe; build, then call {@link #toByteArray()}.
 */
public final class ContextEncoding {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    /** Appends {@code value} as length-prefixed UTF-8. */
    public ContextEncoding string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /** Appends {@code value} as 8 bytes big-endian. */
    public ContextEncoding int64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** Appends {@code value} as one byte, 1 for true. */
    public ContextEncoding flag(boolean value) {
        out.write(value ? 1 : 0);
        return this;
    }

    private void int32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
    }

    /** Returns the bytes appended so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Writes {@code value} as 8 bytes big-endian into {@code target} at {@code offset}. */
    public static void putInt64(byte[] target, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            target[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
