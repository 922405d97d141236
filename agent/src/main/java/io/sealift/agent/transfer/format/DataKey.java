package io.sealift.agent.transfer.format;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256-GCM data key of one transfer session: born on the sender for that session only,
 * travelling only HPKE-wrapped, held in memory only, and dropped with {@link #destroy()} when the
 * session ends.
 *
 * <p>The key bytes are read in exactly one place, {@link #secretBytes()}, which only this
 * package can call. {@link #toString()} never shows them. Thread-safe; using a destroyed key
 * throws {@link IllegalStateException}.
 */
public final class DataKey {
    /** Key length in bytes: AES-256. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private volatile boolean destroyed;

    private DataKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Returns a fresh random key from {@code random}. */
    public static DataKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new DataKey(bytes);
    }

    /** Takes ownership of {@code bytes}, which must be {@value #LENGTH} bytes long. */
    static DataKey own(byte[] bytes) {
        if (bytes.length != LENGTH) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("Invalid data key size " + bytes.length + "; only 32 is supported");
        }
        return new DataKey(bytes);
    }

    /** Returns the key bytes themselves (not a copy): the one way to read them. */
    byte[] secretBytes() {
        if (destroyed) {
            throw new IllegalStateException("the data key of this session was destroyed");
        }
        return bytes;
    }

    /** Returns the key for a JCE AES cipher. */
    SecretKeySpec aesKey() {
        return new SecretKeySpec(secretBytes(), "AES");
    }

    /** Overwrites the key bytes with zeros; later use throws. Idempotent. */
    public void destroy() {
        destroyed = true;
        Arrays.fill(bytes, (byte) 0);
    }

    /** Returns whether {@link #destroy()} was called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}
