package io.sealift.agent.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.crypto.VerifiedKeyBundle;
import io.sealift.agent.guard.ExposedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentKeyStoreTest {
    @TempDir
    Path home;

    private StateDir dir;
    private KeyEncryptionKey kek;
    private AgentKeys keys;

    @BeforeEach
    void setUp() {
        dir = StateDir.at(home.resolve("state"));
        dir.create();
        kek = KeyEncryptionKey.loadOrCreate(dir.defaultKekFile());
        keys = AgentKeys.generate(new SecureRandom());
    }

    private void save() {
        new AgentKeyStore(dir, kek).save(keys, keys.signedBundle(Fingerprint.of(new byte[1]), Instant.EPOCH));
    }

    @Test
    void saveThenLoad_returnsTheSameKeys() throws Exception {
        save();

        AgentKeys loaded = new AgentKeyStore(dir, KeyEncryptionKey.load(dir.defaultKekFile())).load();

        assertEquals(keys.fingerprint(), loaded.fingerprint());
        assertArrayEquals(keys.hpkePublicKey(), loaded.hpkePublicKey());
        assertArrayEquals(keys.tls().publicKeyInfo(), loaded.tls().publicKeyInfo());
        assertArrayEquals(keys.tls().privateKeyForTls().getEncoded(), loaded.tls().privateKeyForTls().getEncoded());
        assertTrue(keys.identityKeyset().equalsKeyset(loaded.identityKeyset()));
        assertEquals(keys.fingerprint(), VerifiedKeyBundle.verify(
                new AgentKeyStore(dir, kek).loadBundle()).fingerprint(), "the stored bundle verifies");
    }

    @Test
    void save_writesOwnerOnlyFilesInAnOwnerOnlyDirectory() throws IOException {
        save();

        assertEquals("rwx------", mode(home.resolve("state/keys")));
        for (String file : new String[] {"identity.keyset", "hpke.keyset", "tls.key", "key-bundle.pb"}) {
            assertEquals("rw-------", mode(home.resolve("state/keys/" + file)), file);
        }
        assertEquals("rw-------", mode(dir.defaultKekFile()));
        try (var files = Files.list(home.resolve("state/keys"))) {
            assertEquals(4, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void savedFiles_doNotContainTheRawPrivateKeys() throws Exception {
        save();

        byte[] identity = ((Ed25519PrivateKey) keys.identityKeyset().getPrimary().getKey())
                .getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] hpke = ((HpkePrivateKey) keys.hpkeKeyset().getPrimary().getKey())
                .getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] tls = keys.tls().privateKeyForTls().getEncoded();
        for (String file : new String[] {"identity.keyset", "hpke.keyset", "tls.key", "key-bundle.pb"}) {
            byte[] stored = Files.readAllBytes(home.resolve("state/keys/" + file));
            assertFalse(contains(stored, identity), file + " holds the identity private key");
            assertFalse(contains(stored, hpke), file + " holds the HPKE private key");
            assertFalse(contains(stored, Arrays.copyOfRange(tls, tls.length - 32, tls.length)),
                    file + " holds the TLS private key");
        }
        assertTrue(contains(com.google.crypto.tink.TinkProtoKeysetFormat.serializeKeyset(keys.identityKeyset(),
                InsecureSecretKeyAccess.get(), TinkConfig2026.get()), identity), "the check can find a raw key");
    }

    @Test
    void load_withAnotherKeyEncryptionKey_failsClearly() throws IOException {
        save();
        Path otherFile = home.resolve("other.kek");
        KeyEncryptionKey other = KeyEncryptionKey.loadOrCreate(otherFile);

        StateException e = assertThrows(StateException.class, () -> new AgentKeyStore(dir, other).load());

        assertEquals("cannot decrypt " + home.resolve("state/keys/identity.keyset") + " with the key-encryption key "
                + otherFile + ": wrong key-encryption key, or the file was damaged or swapped", e.getMessage());
    }

    @Test
    void load_withSwappedFiles_fails() throws IOException {
        save();
        Path identity = home.resolve("state/keys/identity.keyset");
        Path hpke = home.resolve("state/keys/hpke.keyset");
        byte[] identityBytes = Files.readAllBytes(identity);
        Files.write(identity, Files.readAllBytes(hpke));
        Files.write(hpke, identityBytes);

        StateException e = assertThrows(StateException.class, () -> new AgentKeyStore(dir, kek).load());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void load_withMissingFile_saysWhichAndWhatToDo() throws IOException {
        save();
        Files.delete(home.resolve("state/keys/tls.key"));

        StateException e = assertThrows(StateException.class, () -> new AgentKeyStore(dir, kek).load());
        assertEquals(home.resolve("state/keys/tls.key") + " is missing; enroll again with --force", e.getMessage());
    }

    @Test
    void keyEncryptionKey_thatIsNotAKeyset_isRejected() throws IOException {
        Path bogus = home.resolve("bogus.kek");
        Files.write(bogus, new byte[32]);
        Files.setPosixFilePermissions(bogus, PosixFilePermissions.fromString("rw-------"));

        StateException e = assertThrows(StateException.class, () -> KeyEncryptionKey.load(bogus));
        assertEquals("key-encryption key " + bogus + " is not a Tink AEAD keyset", e.getMessage());
        assertEquals("KeyEncryptionKey[" + dir.defaultKekFile() + "]", kek.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity.keyset", "hpke.keyset", "tls.key"})
    void load_privateKeyFileItsGroupCanRead_isRefusedWithItsModeAndTheFix(String name) throws IOException {
        save();
        Path file = home.resolve("state/keys/" + name);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        ExposedFileException e = assertThrows(ExposedFileException.class, () -> new AgentKeyStore(dir, kek).load());

        assertEquals("key file " + file + ": readable by its group (mode 0640); run: chmod 600 " + file, e.getMessage());
    }

    @Test
    void load_privateKeyFileOnlyItsOwnerCanRead_isAccepted() throws IOException {
        save();
        Files.setPosixFilePermissions(home.resolve("state/keys/tls.key"), PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(home.resolve("state/keys/key-bundle.pb"), PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(keys.fingerprint(), new AgentKeyStore(dir, kek).load().fingerprint(), "the public bundle is not a secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----"})
    void keyEncryptionKey_thatAnyoneButItsOwnerCanReadOrWrite_isRefused(String mode) throws IOException {
        Path file = dir.defaultKekFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

        ExposedFileException e = assertThrows(ExposedFileException.class, () -> KeyEncryptionKey.load(file));

        assertTrue(e.getMessage().startsWith("key-encryption key " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; run: chmod 600 " + file), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void keyEncryptionKey_thatOnlyItsOwnerCanRead_isAccepted(String mode) throws IOException {
        Path file = dir.defaultKekFile();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

        assertEquals(file, KeyEncryptionKey.load(file).file());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
