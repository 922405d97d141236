package io.sealift.agent.transfer.format;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.util.Bytes;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import java.security.GeneralSecurityException;

/**
 * Wraps a session's data key with Tink HPKE to the receiver's pinned HPKE public key, and unwraps
 * it with the receiver's private HPKE keyset. The HPKE context info is
 * {@link SessionContext#hpkeContextInfo()}, so a wrapped key opens only for the job, session and
 * agents it was made for. Stateless.
 */
public final class DataKeyWrap {
    private DataKeyWrap() {
    }

    /** Returns the Tink HPKE ciphertext (encapsulated key, then sealed key) of {@code key} for {@code receiver}. */
    public static byte[] wrap(DataKey key, PinnedPeer receiver, SessionContext context) {
        try {
            HpkePublicKey publicKey = HpkePublicKey.create(AgentKeys.hpkeParameters(),
                    Bytes.copyFrom(receiver.hpkePublicKey()), null);
            HybridEncrypt encrypt = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(publicKey).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(TinkConfig2026.get(), HybridEncrypt.class);
            return encrypt.encrypt(key.secretBytes(), context.hpkeContextInfo());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HPKE cannot wrap to the verified key of " + receiver, e);
        }
    }

    /**
     * Unwraps {@code wrapped} with the receiver's private HPKE keyset.
     *
     * @throws TransferException with {@code TAMPERED} if it does not open for {@code context}
     */
    public static DataKey unwrap(byte[] wrapped, KeysetHandle hpkePrivate, SessionContext context)
            throws TransferException {
        byte[] raw;
        try {
            raw = hpkePrivate.getPrimitive(TinkConfig2026.get(), HybridDecrypt.class)
                    .decrypt(wrapped, context.hpkeContextInfo());
        } catch (GeneralSecurityException e) {
            throw new TransferException(ErrorCode.TAMPERED, "the wrapped data key does not open for " + context);
        }
        try {
            return DataKey.own(raw);
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.TAMPERED, "the wrapped data key has the wrong length");
        }
    }
}
