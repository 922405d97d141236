package io.sealift.control.audit.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.config.TinkConfig2026;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import io.sealift.control.config.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit signing key's file in the data directory: {@value #FILE}, a cleartext Tink keyset
 * (JSON) with one Ed25519 key, raw 64-byte signatures ({@code NO_PREFIX}). Mode 0600, written
 * once, atomically; never in the database. Like the CA key, it is protected by the data
 * directory's permissions (0700) and the host, not by a passphrase: the service must sign
 * unattended.
 *
 * <p>Not thread-safe; used once at startup.
 */
public final class AuditKeyFile {
    /** The key file, relative to the data directory. */
    public static final String FILE = "audit/audit-key.json";

    private static final Logger LOG = LoggerFactory.getLogger(AuditKeyFile.class);

    private final DataDirectory dataDir;

    /** Creates the store over {@code dataDir}. */
    public AuditKeyFile(DataDirectory dataDir) {
        this.dataDir = dataDir;
    }

    /** Returns the parameters of the audit key: Ed25519, raw keys and signatures. */
    public static Ed25519Parameters parameters() {
        return Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
    }

    /**
     * Loads the key, generating and writing it on first start.
     *
     * @throws IllegalStateException if the file holds anything but one Ed25519 NO_PREFIX private key
     */
    public KeysetHandle loadOrCreate() {
        Path path = dataDir.resolve(FILE);
        try {
            if (Files.exists(path)) {
                warnIfReadableByOthers(path);
                return check(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(path, StandardCharsets.UTF_8),
                        TinkConfig2026.get(), InsecureSecretKeyAccess.get()), path);
            }
            KeysetHandle created = KeysetHandle.generateNew(parameters(), TinkConfig2026.get());
            String serialized = TinkJsonProtoKeysetFormat.serializeKeyset(created, TinkConfig2026.get(),
                    InsecureSecretKeyAccess.get());
            dataDir.writePrivateFile(FILE, serialized.getBytes(StandardCharsets.UTF_8), true);
            LOG.info("created the audit signing key in {}", path);
            return created;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(path + " is not a Tink keyset with an Ed25519 key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static KeysetHandle check(KeysetHandle handle, Path path) {
        if (handle.size() != 1 || !(handle.getPrimary().getKey() instanceof Ed25519PrivateKey key)
                || !key.getParameters().equals(parameters())) {
            throw new IllegalStateException(path + " must hold exactly one Ed25519 (NO_PREFIX) private key");
        }
        return handle;
    }

    private static void warnIfReadableByOthers(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            LOG.warn("{} is accessible to other users (mode {}); it should be 0600", path,
                    PosixFilePermissions.toString(permissions));
        }
    }
}
