package io.sealift.control.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Objects;

/**
 * A request the API refuses, with the status and the human-readable detail of the problem
 * response it becomes.
 *
 * <p>The detail is shown to the caller: it names ids and rules, never secrets.
 */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final transient List<Problem.InvalidParam> invalidParams;
    private final String code;

    private ProblemException(HttpStatus status, String detail) {
        this(status, detail, null, null);
    }

    private ProblemException(HttpStatus status, String detail, @Nullable List<Problem.InvalidParam> invalidParams,
            @Nullable String code) {
        super(detail, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.invalidParams = invalidParams == null ? null : List.copyOf(invalidParams);
        this.code = code;
    }

    /** A 404: the thing does not exist, or the caller may not know that it does. */
    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, what + " not found");
    }

    /** A 400 whose detail says which value broke which rule. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, detail);
    }

    /**
     * A 400 about one field of the request body: detail {@code <field>: <reason>}, the same pair
     * in {@code invalid-params}, and a machine-readable {@code code} if not null.
     */
    public static ProblemException invalidField(String field, String reason, @Nullable String code) {
        return new ProblemException(HttpStatus.BAD_REQUEST, field + ": " + reason,
                List.of(new Problem.InvalidParam(field, reason)), code);
    }

    /** A 409: the request conflicts with what is stored. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, detail);
    }

    /** Returns the response status. */
    public HttpStatus status() {
        return status;
    }

    /** Returns the fields that broke a rule, or null. */
    @Nullable
    public List<Problem.InvalidParam> invalidParams() {
        return invalidParams;
    }

    /** Returns the machine-readable code, or null. */
    @Nullable
    public String code() {
        return code;
    }
}
