package io.sealift.control.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling the REST API: the API token's id, role and tenant scope, and the request's
 * correlation id. Controllers receive it as an argument ({@link CallerBinder}).
 *
 * <p>Immutable. Holds no secret: the token's value is never kept after it is checked.
 *
 * @param tokenId the id of the API token that authenticated the request
 * @param role the token's role
 * @param tenantId the token's tenant, or {@code null} for a platform-admin token
 * @param correlationId the request's correlation id
 */
public record Caller(UUID tokenId, Role role, @Nullable UUID tenantId, String correlationId) {
    private static final String TOKEN_ID = "sealift.token-id";
    private static final String ROLE = "sealift.role";
    private static final String TENANT_ID = "sealift.tenant-id";

    /** Validates that only platform-admin tokens are unscoped. */
    public Caller {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(correlationId, "correlationId");
        if ((role == Role.PLATFORM_ADMIN) != (tenantId == null)) {
            throw new IllegalArgumentException("role " + role + " with tenant " + tenantId
                    + "; only platform-admin tokens have no tenant");
        }
    }

    /**
     * Returns the micronaut-security authentication for a valid token: named {@code token:<id>},
     * holding its role and every role it includes, and its scope as attributes.
     */
    public static Authentication authentication(UUID tokenId, Role role, @Nullable UUID tenantId) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(TOKEN_ID, tokenId.toString());
        attributes.put(ROLE, role.wireName());
        if (tenantId != null) {
            attributes.put(TENANT_ID, tenantId.toString());
        }
        return Authentication.build(actorOf(tokenId), role.withIncluded(), attributes);
    }

    /** Reads a caller back from an authentication made by {@link #authentication}. */
    public static Optional<Caller> from(Authentication authentication, String correlationId) {
        Map<String, Object> attributes = authentication.getAttributes();
        Object tokenId = attributes.get(TOKEN_ID);
        Optional<Role> role = Role.parse(String.valueOf(attributes.get(ROLE)));
        if (tokenId == null || role.isEmpty()) {
            return Optional.empty();
        }
        Object tenantId = attributes.get(TENANT_ID);
        return Optional.of(new Caller(UUID.fromString(tokenId.toString()), role.get(),
                tenantId == null ? null : UUID.fromString(tenantId.toString()), correlationId));
    }

    /** Returns the audit actor of a token: {@code token:<id>}. */
    public static String actorOf(UUID tokenId) {
        return "token:" + tokenId;
    }

    /** Returns this caller's audit actor: {@code token:<id>}. */
    public String actor() {
        return actorOf(tokenId);
    }

    /** Returns whether this caller may see anything of {@code tenant}. */
    public boolean canSee(UUID tenant) {
        return role == Role.PLATFORM_ADMIN || tenant.equals(tenantId);
    }

    /**
     * Checks that this caller's role includes {@code minimum}.
     *
     * @throws AccessDeniedException if it does not (answered with 403 and audited)
     */
    public void require(Role minimum) {
        if (!role.includes(minimum)) {
            throw new AccessDeniedException(this, minimum);
        }
    }
}
