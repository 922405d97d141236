package io.sealift.control.grpc;

import io.sealift.control.enrollment.EnrollmentToken;
import io.sealift.control.enrollment.EnrollmentTokenRepository;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.tenants.Tenant;
import io.sealift.control.tenants.TenantRepository;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Creates tenants and enrollment tokens directly in the store, as the REST API would. */
@Singleton
public class StoreFixtures {
    private final TenantRepository tenants;
    private final EnrollmentTokenRepository tokens;
    private final SecureRandom random;

    StoreFixtures(TenantRepository tenants, EnrollmentTokenRepository tokens, SecureRandom random) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.random = random;
    }

    /** Creates a tenant with a unique name and returns its id. */
    public UUID tenant() {
        UUID id = UUID.randomUUID();
        tenants.save(new Tenant(id, "t-" + id.toString().substring(0, 8), Instant.now()));
        return id;
    }

    /** Issues a token of {@code tenantId} valid for an hour. */
    public IssuedToken token(UUID tenantId) {
        return token(tenantId, Instant.now().plus(Duration.ofHours(1)), null, null);
    }

    /** Issues a token with the given state. */
    public IssuedToken token(UUID tenantId, Instant expiresAt, Instant revokedAt, Instant usedAt) {
        IssuedSecret secret = IssuedSecret.generate("sle_", random);
        UUID id = UUID.randomUUID();
        tokens.save(new EnrollmentToken(id, tenantId, secret.hash(), Instant.now(), null, expiresAt, usedAt,
                usedAt == null ? null : UUID.randomUUID(), revokedAt));
        return new IssuedToken(id, secret);
    }

    /**
     * A token as issued.
     *
     * @param id its id
     * @param secret its value
     */
    public record IssuedToken(UUID id, IssuedSecret secret) {
        /** Returns the value, as an agent would present it. */
        public String value() {
            return secret.revealOnce();
        }
    }
}
