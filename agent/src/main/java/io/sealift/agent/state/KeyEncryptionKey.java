package io.sealift.agent.state;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.config.TinkConfig2026;
import io.sealift.agent.guard.FileRule;
import io.sealift.agent.state.internal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The local key-encryption key (KEK): a Tink AES-256-GCM keyset, stored in cleartext in a 0600
 * file, that encrypts the agent's private keys at rest.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows only where the key came from.
 */
public final class KeyEncryptionKey {
    private final Aead aead;
    private final Path file;

    private KeyEncryptionKey(Aead aead, Path file) {
        this.aead = aead;
        this.file = file;
    }

    /**
     * Loads the KEK from {@code file}.
     *
     * @throws StateException if the file is missing or not a Tink AEAD keyset
     * @throws io.sealift.agent.guard.ExposedFileException if anyone but its owner may read or write
     *     the file ({@link FileRule#KEY})
     */
    public static KeyEncryptionKey load(Path file) {
        byte[] serialized;
        try {
            FileRule.KEY.check("key-encryption key", file);
            serialized = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StateException("key-encryption key " + file + " not found", e);
        } catch (IOException e) {
            throw new StateException("cannot read key-encryption key " + file + ": " + e.getMessage(), e);
        }
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get(), TinkConfig2026.get());
            return new KeyEncryptionKey(handle.getPrimitive(TinkConfig2026.get(), Aead.class), file);
        } catch (GeneralSecurityException e) {
            throw new StateException("key-encryption key " + file + " is not a Tink AEAD keyset", e);
        } finally {
            Arrays.fill(serialized, (byte) 0);
        }
    }

    /**
     * Loads the KEK from {@code file}, first creating a fresh AES-256-GCM keyset there (0600) if
     * the file does not exist. The parent directory must exist.
     *
     * @throws StateException if the file cannot be created or read
     */
    public static KeyEncryptionKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TinkConfig2026.get());
                PrivateFiles.write(file, TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get(), TinkConfig2026.get()));
            } catch (GeneralSecurityException e) {
                throw new StateException("cannot generate a key-encryption key", e);
            } catch (IOException e) {
                throw new StateException("cannot create key-encryption key " + file + ": " + e.getMessage(), e);
            }
        }
        return load(file);
    }

    /** Returns the AEAD that encrypts and decrypts the agent's private keys. */
    public Aead aead() {
        return aead;
    }

    /** Returns the file the key was read from. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + file + "]";
    }
}
