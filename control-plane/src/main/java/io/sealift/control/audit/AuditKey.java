package io.sealift.control.audit;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import io.micronaut.context.annotation.Context;
import io.sealift.audit.format.AuditPublicKey;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.SignedCheckpoint;
import io.sealift.control.audit.internal.AuditKeyFile;
import io.sealift.control.config.DataDirectory;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's Ed25519 audit key, which signs checkpoints. The private part stays in its
 * Tink keyset handle, loaded from the data directory ({@link AuditKeyFile}); this class hands out
 * only the public key and signatures.
 *
 * <p>Created at startup, when it logs the public key and its fingerprint, the value auditors pin.
 * Thread-safe.
 */
@Context
public class AuditKey {
    private static final Logger LOG = LoggerFactory.getLogger(AuditKey.class);

    private final PublicKeySign signer;
    private final AuditPublicKey publicKey;

    /** Loads the key, creating it on first start. */
    public AuditKey(DataDirectory dataDir) {
        this(new AuditKeyFile(dataDir).loadOrCreate());
        LOG.info("audit key fingerprint {} (Ed25519 public key, base64 of the raw 32 bytes: {});"
                + " auditors verify exports with --key-fingerprint {}", publicKey.fingerprint(), publicKey.base64(),
                publicKey.fingerprint());
    }

    AuditKey(KeysetHandle keyset) {
        try {
            this.signer = keyset.getPrimitive(TinkConfig2026.get(), PublicKeySign.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit keyset cannot sign", e);
        }
        Ed25519PrivateKey key = (Ed25519PrivateKey) keyset.getPrimary().getKey();
        this.publicKey = AuditPublicKey.ofRaw(key.getPublicKey().getPublicKeyBytes().toByteArray());
    }

    /** Returns the public key. */
    public AuditPublicKey publicKey() {
        return publicKey;
    }

    /** Signs {@code checkpoint}, which must name this key's fingerprint. */
    SignedCheckpoint sign(Checkpoint checkpoint) {
        if (!publicKey.fingerprint().equals(checkpoint.keyFingerprint())) {
            throw new IllegalArgumentException("the checkpoint names key " + checkpoint.keyFingerprint()
                    + ", not this key " + publicKey.fingerprint());
        }
        return SignedCheckpoint.sign(checkpoint, statement -> {
            try {
                return signer.sign(statement);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the audit key cannot sign", e);
            }
        });
    }
}
