package io.sealift.control.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sealift.control.api.Problem;
import io.sealift.control.api.ProblemResponses;
import jakarta.inject.Singleton;

/** Answers an {@link AccessDeniedException} with an audited 403 problem. Thread-safe. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public final class AccessDeniedProblemHandler
        implements ExceptionHandler<AccessDeniedException, HttpResponse<Problem>> {
    private final ProblemResponses problems;
    private final AccessAudit audit;

    /** Creates the handler. */
    public AccessDeniedProblemHandler(ProblemResponses problems, AccessAudit audit) {
        this.problems = problems;
        this.audit = audit;
    }

    /** Runs on the blocking executor, because the audit write blocks. */
    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Problem> handle(@SuppressWarnings("rawtypes") HttpRequest request,
            AccessDeniedException exception) {
        Caller caller = exception.caller();
        audit.forbidden(request, caller.actor(), caller.tenantId(), exception.required().wireName());
        return problems.respond(request, HttpStatus.FORBIDDEN, exception.getMessage());
    }
}
