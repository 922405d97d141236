package io.sealift.control.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an API token may do. Each role includes the ones below it:
 * {@code platform-admin} ⊇ {@code owner} ⊇ {@code operator} ⊇ {@code auditor}.
 *
 * <p>{@code platform-admin} tokens belong to no tenant and act as owner in every tenant; the
 * others act in their own tenant only.
 */
public enum Role {
    /** Reads everything in its tenant, changes nothing. */
    AUDITOR("auditor"),
    /** Auditor, plus day-to-day operations: enrollment tokens, later jobs. */
    OPERATOR("operator"),
    /** Operator, plus API tokens and agent revocation. */
    OWNER("owner"),
    /** Owner in every tenant, plus creating tenants. */
    PLATFORM_ADMIN("platform-admin");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the role's name in JSON and in the database, e.g. {@code platform-admin}. */
    public String wireName() {
        return wireName;
    }

    /** Returns whether this role has every right of {@code other}. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** Returns the wire names of this role and every role it includes. */
    public List<String> withIncluded() {
        return Arrays.stream(values()).filter(this::includes).map(Role::wireName).toList();
    }

    /** Returns the role with this wire name, if any. */
    public static Optional<Role> parse(String wireName) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
