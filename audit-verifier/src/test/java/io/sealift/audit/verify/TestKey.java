package io.sealift.audit.verify;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import io.sealift.audit.format.AuditPublicKey;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.SignedCheckpoint;
import java.security.GeneralSecurityException;

/** A fresh Ed25519 audit key for tests, made with Tink the way the control plane makes its own. */
final class TestKey {
    private final PublicKeySign signer;
    private final AuditPublicKey publicKey;

    private TestKey(KeysetHandle handle) throws GeneralSecurityException {
        this.signer = handle.getPrimitive(TinkConfig2026.get(), PublicKeySign.class);
        Ed25519PrivateKey key = (Ed25519PrivateKey) handle.getPrimary().getKey();
        this.publicKey = AuditPublicKey.ofRaw(key.getPublicKey().getPublicKeyBytes().toByteArray());
    }

    static TestKey generate() {
        try {
            return new TestKey(KeysetHandle.generateNew(Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX),
                    TinkConfig2026.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    AuditPublicKey publicKey() {
        return publicKey;
    }

    String fingerprint() {
        return publicKey.fingerprint();
    }

    SignedCheckpoint sign(Checkpoint checkpoint) {
        return SignedCheckpoint.sign(checkpoint, statement -> {
            try {
                return signer.sign(statement);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
