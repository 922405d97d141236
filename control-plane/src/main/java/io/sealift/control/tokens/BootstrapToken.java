package io.sealift.control.tokens;

import io.micronaut.context.annotation.Context;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.auth.Role;
import io.sealift.control.config.DataDirectory;
import io.sealift.control.secrets.IssuedSecret;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a fresh store its first platform-admin token, written once to
 * {@code <data-dir>/}{@value #FILE_NAME} (mode 0600, the token and a newline), never logged.
 *
 * <p>Created eagerly at startup, so it is also what opens the datasource and runs the
 * migrations before the server accepts requests: a bad database URL stops the process.
 * A store with any API token is left alone and the file is never rewritten. The file is
 * written before the row, so a crash in between leaves a file whose token the next start
 * adopts instead of locking everyone out.
 */
@Context
public class BootstrapToken {
    /** The file's name inside the data directory. */
    public static final String FILE_NAME = "bootstrap-token";
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapToken.class);

    private final ApiTokenRepository repository;
    private final ApiTokens tokens;
    private final DataDirectory dataDirectory;
    private final AuditLog audit;

    /** Creates the bootstrapper; the work happens in {@link #ensureAdminToken()}. */
    public BootstrapToken(ApiTokenRepository repository, ApiTokens tokens, DataDirectory dataDirectory,
            AuditLog audit) {
        this.repository = repository;
        this.tokens = tokens;
        this.dataDirectory = dataDirectory;
        this.audit = audit;
    }

    /** Mints (or adopts) the first platform-admin token if the store has none. */
    @PostConstruct
    void ensureAdminToken() {
        if (repository.count() > 0) {
            return;
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        MintedApiToken minted;
        if (Files.exists(file)) {
            minted = tokens.store(readExisting(file), null, Role.PLATFORM_ADMIN, "bootstrap", null);
            LOG.info("the store had no API tokens; adopted the platform-admin token in {}", file);
        } else {
            IssuedSecret secret = tokens.generate();
            dataDirectory.writePrivateFile(FILE_NAME,
                    (secret.revealOnce() + "\n").getBytes(StandardCharsets.UTF_8), true);
            minted = tokens.store(secret, null, Role.PLATFORM_ADMIN, "bootstrap", null);
            LOG.info("wrote the initial platform-admin token to {}", file);
        }
        audit.record(new AuditEntry(null, "system", "api-token.bootstrap", "api-token:" + minted.stored().id(),
                "success", null, Map.of("role", Role.PLATFORM_ADMIN.wireName())));
    }

    private static IssuedSecret readExisting(Path file) {
        try {
            IssuedSecret secret = IssuedSecret.presented(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (!ApiTokens.wellFormed(secret.revealOnce())) {
                throw new IllegalStateException(file + " does not hold a Sealift API token (slt_ followed by 43"
                        + " base64url characters); remove it to have a new one minted");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
