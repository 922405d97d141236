package io.sealift.agent.transfer.format;

import io.sealift.agent.transfer.format.internal.ContextEncoding;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ciphertext root of a session: SHA-256 over (index as 8 bytes big-endian, 16-byte GCM tag)
 * of every frame in order. Both sides compute it from the tags alone, with no second pass over
 * the data; because each tag commits to its frame's ciphertext, the root commits to them all.
 *
 * <p>Not thread-safe.
 */
final class CiphertextRoot {
    private final MessageDigest digest;
    private final byte[] entry = new byte[Long.BYTES + FrameCrypto.TAG_LENGTH];

    CiphertextRoot() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** Adds frame {@code index} whose tag is the 16 bytes of {@code sealed} ending at {@code end}. */
    void add(long index, byte[] sealed, int end) {
        ContextEncoding.putInt64(entry, 0, index);
        System.arraycopy(sealed, end - FrameCrypto.TAG_LENGTH, entry, Long.BYTES, FrameCrypto.TAG_LENGTH);
        digest.update(entry);
    }

    /** Returns the root over every frame added; call once. */
    byte[] finish() {
        return digest.digest();
    }
}
