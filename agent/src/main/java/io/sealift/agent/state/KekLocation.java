package io.sealift.agent.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the key-encryption key lives, chosen in this order: the systemd credential
 * {@code $CREDENTIALS_DIRECTORY/sealift-kek} if it exists; else {@code keyEncryptionKeyFile}
 * from the config; else {@code kek} in the state directory. Immutable.
 *
 * @param file the KEK file
 * @param systemdCredential whether the file is a systemd credential, which the agent never creates
 */
public record KekLocation(Path file, boolean systemdCredential) {
    /** The credential name to pass to systemd's {@code LoadCredential=}. */
    public static final String CREDENTIAL_NAME = "sealift-kek";

    /**
     * Picks the KEK location.
     *
     * @param environment the process environment (for {@code CREDENTIALS_DIRECTORY})
     * @param configured {@code keyEncryptionKeyFile} from the config, if set
     * @param stateDir the state directory, for the default
     */
    public static KekLocation resolve(Map<String, String> environment, Optional<Path> configured, StateDir stateDir) {
        String credentials = environment.get("CREDENTIALS_DIRECTORY");
        if (credentials != null && !credentials.isEmpty()) {
            Path credential = Path.of(credentials, CREDENTIAL_NAME);
            if (Files.isRegularFile(credential)) {
                return new KekLocation(credential, true);
            }
        }
        return new KekLocation(configured.orElse(stateDir.defaultKekFile()), false);
    }

    /** Loads the KEK, creating it first when allowed and missing (never a systemd credential). */
    public KeyEncryptionKey load(boolean createIfMissing) {
        return createIfMissing && !systemdCredential ? KeyEncryptionKey.loadOrCreate(file) : KeyEncryptionKey.load(file);
    }
}
