package io.sealift.control.enrollment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The body of {@code POST /api/v1/tenants/{tenantId}/enrollment-tokens}; may be empty.
 *
 * @param ttlSeconds how long the token stays valid, 60 to 86400 seconds; {@value #DEFAULT_TTL_SECONDS}
 *     when omitted
 */
@Serdeable
public record CreateEnrollmentTokenRequest(
        @Nullable
        @Min(value = 60, message = CreateEnrollmentTokenRequest.TTL_RULE)
        @Max(value = 86400, message = CreateEnrollmentTokenRequest.TTL_RULE)
        Integer ttlSeconds) {

    /** The lifetime of a token when the request names none. */
    public static final int DEFAULT_TTL_SECONDS = 900;
    static final String TTL_RULE = "must be between 60 and 86400";

    /** Returns the requested lifetime, or the default. */
    public int ttlOrDefault() {
        return ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
    }
}
