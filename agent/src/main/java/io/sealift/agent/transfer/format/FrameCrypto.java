package io.sealift.agent.transfer.format;

import io.sealift.agent.transfer.format.internal.ContextEncoding;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over one frame with the nonce and associated data transfer.proto fixes: the nonce
 * is the stream's 4-byte prefix then the frame index (8 bytes big-endian); the associated data
 * is the stream's label, job id, session, index and last flag in {@link ContextEncoding}.
 *
 * <p>Uses the JDK's cipher (the fastest AES-GCM on this platform); one instance per session
 * side. Not thread-safe.
 */
final class FrameCrypto {
    /** Bytes of the GCM tag at the end of every sealed frame. */
    static final int TAG_LENGTH = 16;

    private static final int NONCE_LENGTH = 12;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] aad;
    private final int positionOffset;
    private final byte[] nonce = new byte[NONCE_LENGTH];

    FrameCrypto(DataKey dataKey, SessionContext context, SealedStream stream) {
        byte[] prefix = new ContextEncoding().string(stream.label()).string(context.jobId()).int64(context.session())
                .toByteArray();
        int noncePrefix = stream.noncePrefix();
        for (int i = 0; i < 4; i++) {
            nonce[i] = (byte) (noncePrefix >>> (24 - 8 * i));
        }
        this.positionOffset = prefix.length;
        this.aad = new byte[prefix.length + Long.BYTES + 1];
        System.arraycopy(prefix, 0, aad, 0, prefix.length);
        this.key = dataKey.aesKey();
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding", e);
        }
    }

    /** Seals {@code length} bytes of {@code in} as frame {@code index} into {@code out} at {@code offset}; returns the bytes written. */
    int seal(long index, boolean last, byte[] in, int length, byte[] out, int offset) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last);
            return cipher.doFinal(in, 0, length, out, offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to seal frame " + index, e);
        }
    }

    /**
     * Opens {@code length} bytes of sealed frame {@code index} from {@code in} into {@code out};
     * returns the plaintext length.
     *
     * @throws AEADBadTagException if the frame, its position or its last flag is not authentic
     */
    int open(long index, boolean last, byte[] in, int length, byte[] out) throws AEADBadTagException {
        try {
            init(Cipher.DECRYPT_MODE, index, last);
            return cipher.doFinal(in, 0, length, out, 0);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("plaintext buffer too small for frame " + index, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to open frame " + index, e);
        }
    }

    private void init(int mode, long index, boolean last) throws GeneralSecurityException {
        ContextEncoding.putInt64(nonce, NONCE_LENGTH - Long.BYTES, index);
        ContextEncoding.putInt64(aad, positionOffset, index);
        aad[aad.length - 1] = (byte) (last ? 1 : 0);
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(aad);
    }
}
