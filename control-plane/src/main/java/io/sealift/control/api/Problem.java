package io.sealift.control.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 7807 problem document, the body of every error response
 * ({@code application/problem+json}).
 *
 * <p>Immutable. Never holds a secret or a stack trace: {@code detail} is written by us, or is a
 * framework message about the shape of the request.
 *
 * @param type always {@code about:blank}: the status code says what kind of problem it is
 * @param title the HTTP reason phrase, e.g. {@code Not Found}
 * @param status the HTTP status code
 * @param detail what went wrong with this request, for a human
 * @param instance the request path
 * @param correlationId the request's correlation id, also in the {@code X-Correlation-Id} header
 * @param invalidParams the fields that failed validation, or {@code null} when none did
 * @param code a machine-readable reason from a documented list (e.g. {@code ENDPOINT_UNKNOWN}),
 *     or {@code null} when the status says enough
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable String correlationId,
        @JsonProperty("invalid-params") @Nullable List<InvalidParam> invalidParams,
        @Nullable String code) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Copies {@code invalidParams}. */
    public Problem {
        invalidParams = invalidParams == null ? null : List.copyOf(invalidParams);
    }

    /**
     * One field that failed validation.
     *
     * @param name the field's name in the request body, e.g. {@code ttlSeconds}
     * @param reason the rule it broke, e.g. {@code must be between 60 and 86400}
     */
    @Serdeable
    public record InvalidParam(String name, String reason) {
    }
}
