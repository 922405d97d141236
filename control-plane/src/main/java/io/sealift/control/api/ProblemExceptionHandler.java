package io.sealift.control.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem response. Thread-safe. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
    private final ProblemResponses problems;

    /** Creates the handler. */
    public ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(@SuppressWarnings("rawtypes") HttpRequest request, ProblemException exception) {
        return problems.respond(request, exception.status(), exception.getMessage(), exception.invalidParams(),
                exception.code());
    }
}
