package io.sealift.control.tokens;

import io.micronaut.core.annotation.Nullable;
import io.sealift.control.auth.Role;
import io.sealift.control.secrets.IssuedSecret;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mints and stores API tokens: {@value #PREFIX} followed by 43 base64url characters (256
 * random bits), stored only as their SHA-256 hash.
 *
 * <p>Thread-safe.
 */
@Singleton
public class ApiTokens {
    /** The prefix of every API token, so a leaked one is recognisable (and scannable). */
    public static final String PREFIX = "slt_";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    private final ApiTokenRepository repository;
    private final SecureRandom random;
    private final Clock clock;

    /** Creates the minter. */
    public ApiTokens(ApiTokenRepository repository, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.random = random;
        this.clock = clock;
    }

    /** Mints a token, stores its hash and returns both. */
    public MintedApiToken mint(@Nullable UUID tenantId, Role role, @Nullable String description,
            @Nullable UUID createdBy) {
        return store(generate(), tenantId, role, description, createdBy);
    }

    /** Generates a token value without storing it. */
    IssuedSecret generate() {
        return IssuedSecret.generate(PREFIX, random);
    }

    /** Stores the hash of an existing token value (the bootstrap file's) and returns both. */
    MintedApiToken store(IssuedSecret secret, @Nullable UUID tenantId, Role role, @Nullable String description,
            @Nullable UUID createdBy) {
        ApiToken token = new ApiToken(UUID.randomUUID(), tenantId, role.wireName(), secret.hash(), description,
                clock.instant().truncatedTo(ChronoUnit.MICROS), createdBy, null);
        return new MintedApiToken(repository.save(token), secret);
    }

    /** Returns whether {@code value} has the shape of an API token; says nothing of its validity. */
    static boolean wellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }
}
