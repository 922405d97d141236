package io.sealift.control.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers a request whose body breaks a validation rule with a 400 problem that names each
 * field, e.g. detail {@code ttlSeconds: must be between 60 and 86400} and the same pair in
 * {@code invalid-params}.
 *
 * <p>Field names are the JSON property paths, without the Java method and parameter names.
 * Thread-safe.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public final class ValidationProblemHandler
        implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
    private final ProblemResponses problems;

    /** Creates the handler. */
    public ValidationProblemHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(@SuppressWarnings("rawtypes") HttpRequest request,
            ConstraintViolationException exception) {
        List<Problem.InvalidParam> params = exception.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidParam(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.InvalidParam::name).thenComparing(Problem.InvalidParam::reason))
                .toList();
        String detail = params.stream().map(p -> p.name() + ": " + p.reason()).collect(Collectors.joining("; "));
        return problems.respond(request, HttpStatus.BAD_REQUEST, detail, params);
    }

    /** Returns the violation's JSON path, or the parameter's name when the whole value is bad. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() != ElementKind.METHOD && node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? parameter : String.join(".", names);
    }
}
