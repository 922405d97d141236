package io.sealift.control.api;

import io.micronaut.http.HttpStatus;
import java.util.Objects;

/**
 * A request the API refuses, with the status and the human-readable detail of the problem
 * response it becomes.
 *
 * <p>The detail is shown to the caller: it names ids and rules, never secrets.
 */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;

    private ProblemException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** A 404: the thing does not exist, or the caller may not know that it does. */
    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, what + " not found");
    }

    /** A 400 whose detail says which value broke which rule. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, detail);
    }

    /** A 409: the request conflicts with what is stored. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, detail);
    }

    /** Returns the response status. */
    public HttpStatus status() {
        return status;
    }
}
