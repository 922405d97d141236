package io.sealift.control.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import io.sealift.control.api.CorrelationIdFilter;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller argument of type {@link Caller} from the request's authentication and
 * correlation id. Thread-safe.
 */
@Singleton
public final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        if (!source.getAttributes().contains(SecurityFilter.KEY)) {
            return BindingResult.unsatisfied();
        }
        String correlationId = CorrelationIdFilter.of(source).orElse("none");
        Optional<Caller> caller = source.getUserPrincipal(Authentication.class)
                .flatMap(authentication -> Caller.from(authentication, correlationId));
        return () -> caller;
    }
}
