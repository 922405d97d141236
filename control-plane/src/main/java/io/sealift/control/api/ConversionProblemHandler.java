package io.sealift.control.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers a request whose arguments cannot be converted: a malformed id in the path is a 404,
 * exactly like an unknown id; a body field of the wrong type is a 400 naming the field.
 *
 * <p>Thread-safe. The offending value is not echoed back.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
@Replaces(ConversionErrorHandler.class)
public final class ConversionProblemHandler
        implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {
    private final ProblemResponses problems;

    /** Creates the handler. */
    public ConversionProblemHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(@SuppressWarnings("rawtypes") HttpRequest request,
            ConversionErrorException exception) {
        Argument<?> argument = exception.getArgument();
        if (argument.getAnnotationMetadata().hasAnnotation(PathVariable.class)) {
            return problems.respond(request, HttpStatus.NOT_FOUND, argument.getName() + " not found");
        }
        Problem.InvalidParam param = new Problem.InvalidParam(fieldName(exception), "has a value of the wrong type");
        return problems.respond(request, HttpStatus.BAD_REQUEST, param.name() + ": " + param.reason(), List.of(param));
    }

    /** Returns the JSON path of the bad field, or the argument's name when there is none. */
    private static String fieldName(ConversionErrorException exception) {
        for (Throwable t = exception.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SerdeException serde && !serde.getPath().isEmpty()) {
                return serde.getPath().stream().map(p -> p.getArgument().getName()).collect(Collectors.joining("."));
            }
            if (t instanceof InvalidPropertyFormatException property) {
                return property.getArgument().getName();
            }
        }
        return exception.getArgument().getName();
    }
}
