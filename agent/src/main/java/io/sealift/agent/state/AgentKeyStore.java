package io.sealift.agent.state;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.internal.TlsClientKey;
import io.sealift.proto.v1.SignedKeyBundle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The agent's private keys on disk, each encrypted under the {@link KeyEncryptionKey} with
 * associated data naming the file's purpose (so files cannot be swapped for one another), and
 * the public signed key bundle beside them.
 *
 * <p>Files under {@code keys/}: {@code identity.keyset}, {@code hpke.keyset} (Tink encrypted
 * keysets), {@code tls.key} (AEAD-encrypted PKCS#8) and {@code key-bundle.pb} (public). Thread-safe.
 */
public final class AgentKeyStore {
    static final String IDENTITY = "keys/identity.keyset";
    static final String HPKE = "keys/hpke.keyset";
    static final String TLS = "keys/tls.key";
    static final String BUNDLE = "keys/key-bundle.pb";

    private final StateDir dir;
    private final KeyEncryptionKey kek;

    /** Creates a store in {@code dir} whose private keys are encrypted with {@code kek}. */
    public AgentKeyStore(StateDir dir, KeyEncryptionKey kek) {
        this.dir = dir;
        this.kek = kek;
    }

    private static byte[] purpose(String file) {
        return ("sealift-agent/v1 " + file).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Encrypts and writes all keys and the bundle. The directory must exist ({@link StateDir#create}).
     *
     * @throws StateException if a file cannot be written
     */
    public void save(AgentKeys keys, SignedKeyBundle bundle) {
        try {
            dir.write(IDENTITY, TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    keys.identityKeyset(), kek.aead(), purpose(IDENTITY), TinkConfig2026.get()));
            dir.write(HPKE, TinkProtoKeysetFormat.serializeEncryptedKeyset(
                    keys.hpkeKeyset(), kek.aead(), purpose(HPKE), TinkConfig2026.get()));
            dir.write(TLS, keys.tls().encrypt(kek.aead(), purpose(TLS)));
            dir.write(BUNDLE, bundle.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new StateException("cannot encrypt the agent's keys", e);
        }
    }

    /**
     * Reads and decrypts all keys.
     *
     * @throws StateException if a file is missing, or does not decrypt with this KEK
     * @throws io.sealift.agent.guard.ExposedFileException if anyone but its owner may read or write a
     *     private key file
     */
    public AgentKeys load() {
        KeysetHandle identity = keyset(IDENTITY);
        KeysetHandle hpke = keyset(HPKE);
        TlsClientKey tls;
        try {
            tls = TlsClientKey.decrypt(dir.readPrivate(TLS), kek.aead(), purpose(TLS));
        } catch (GeneralSecurityException e) {
            throw undecryptable(TLS);
        }
        try {
            return AgentKeys.of(identity, hpke, tls);
        } catch (IllegalArgumentException e) {
            throw new StateException("keys in " + dir + "/keys are not the agent's key types: " + e.getMessage());
        }
    }

    /** Reads the public signed key bundle written at enrollment. */
    public SignedKeyBundle loadBundle() {
        try {
            return SignedKeyBundle.parseFrom(dir.read(BUNDLE));
        } catch (InvalidProtocolBufferException e) {
            throw new StateException(dir.file(BUNDLE) + " is damaged", e);
        }
    }

    private KeysetHandle keyset(String file) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(dir.readPrivate(file), kek.aead(), purpose(file), TinkConfig2026.get());
        } catch (GeneralSecurityException e) {
            throw undecryptable(file);
        }
    }

    private StateException undecryptable(String file) {
        return new StateException("cannot decrypt " + dir.file(file) + " with the key-encryption key "
                + kek.file() + ": wrong key-encryption key, or the file was damaged or swapped");
    }
}
