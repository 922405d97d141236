package io.sealift.control.tenants;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/tenants}.
 *
 * @param name the new tenant's unique name: lowercase letters, digits and dashes, 1 to 63
 *     characters, not starting with a dash
 */
@Serdeable
public record CreateTenantRequest(
        @NotNull @Pattern(regexp = CreateTenantRequest.NAME, message = "must match " + CreateTenantRequest.NAME)
        String name) {

    /** The rule for tenant names. */
    public static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
}
