package io.sealift.control.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Turns every error response into an RFC 7807 problem document: ours, and the framework's
 * (unknown route, wrong method or media type, unreadable body, denied access).
 *
 * <p>Thread-safe. For server errors the detail is a fixed sentence: exception messages can
 * carry internals, so they go to the log (by correlation id), never to the caller.
 */
@Primary
@Singleton
public final class ProblemResponses implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail = context.getErrors().isEmpty() ? null : context.getErrors().get(0).getMessage();
        return response.body(problem(context.getRequest(), status, detail, null, null))
                .contentType(Problem.MEDIA_TYPE);
    }

    /** Returns a problem response with {@code status} and {@code detail}. */
    public MutableHttpResponse<Problem> respond(HttpRequest<?> request, HttpStatus status, @Nullable String detail) {
        return respond(request, status, detail, null);
    }

    /** Returns a problem response that lists the fields which failed validation. */
    public MutableHttpResponse<Problem> respond(HttpRequest<?> request, HttpStatus status, @Nullable String detail,
            @Nullable List<Problem.InvalidParam> invalidParams) {
        return respond(request, status, detail, invalidParams, null);
    }

    /** Returns a problem response with fields that failed validation and a machine-readable code. */
    public MutableHttpResponse<Problem> respond(HttpRequest<?> request, HttpStatus status, @Nullable String detail,
            @Nullable List<Problem.InvalidParam> invalidParams, @Nullable String code) {
        return HttpResponse.<Problem>status(status)
                .body(problem(request, status, detail, invalidParams, code))
                .contentType(Problem.MEDIA_TYPE);
    }

    private static Problem problem(HttpRequest<?> request, HttpStatus status, @Nullable String detail,
            @Nullable List<Problem.InvalidParam> invalidParams, @Nullable String code) {
        String safeDetail = status.getCode() >= 500
                ? "The server could not complete the request; its log has the details under this correlation id."
                : detail;
        return new Problem("about:blank", status.getReason(), status.getCode(), safeDetail, request.getPath(),
                CorrelationIdFilter.of(request).orElse(null), invalidParams, code);
    }
}
