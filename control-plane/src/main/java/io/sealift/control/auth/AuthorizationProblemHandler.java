package io.sealift.control.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.sealift.control.api.CorrelationIdFilter;
import io.sealift.control.api.Problem;
import io.sealift.control.api.ProblemResponses;
import jakarta.inject.Singleton;

/**
 * Answers requests that micronaut-security refuses: 401 (with {@code WWW-Authenticate: Bearer})
 * when there is no valid token, 403 when a security rule rejects a valid one. Both are audited.
 * Thread-safe.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AuthorizationProblemHandler
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    private final ProblemResponses problems;
    private final AccessAudit audit;

    /** Creates the handler. */
    public AuthorizationProblemHandler(ProblemResponses problems, AccessAudit audit) {
        this.problems = problems;
        this.audit = audit;
    }

    /** Runs on the blocking executor: security rejects on the event loop, and the audit write blocks. */
    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> handle(@SuppressWarnings("rawtypes") HttpRequest request,
            AuthorizationException exception) {
        Authentication authentication = exception.getAuthentication();
        if (authentication == null || !exception.isForbidden()) {
            audit.unauthenticated(request);
            return problems.respond(request, HttpStatus.UNAUTHORIZED,
                            "a valid API token is required: Authorization: Bearer <token>")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        String correlationId = CorrelationIdFilter.of(request).orElse("none");
        audit.forbidden(request, authentication.getName(),
                Caller.from(authentication, correlationId).map(Caller::tenantId).orElse(null), "unknown");
        return problems.respond(request, HttpStatus.FORBIDDEN, "the token's role does not allow this request");
    }
}
