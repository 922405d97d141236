package io.sealift.control.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/tenants/{tenantId}/api-tokens}.
 *
 * @param role {@code owner}, {@code operator} or {@code auditor}; platform-admin tokens cannot
 *     be minted through the API
 * @param description a free label, at most 200 characters
 */
@Serdeable
public record CreateApiTokenRequest(
        @NotNull @Pattern(regexp = "owner|operator|auditor", message = "must be one of owner, operator, auditor")
        String role,
        @Nullable @Size(max = 200) String description) {
}
