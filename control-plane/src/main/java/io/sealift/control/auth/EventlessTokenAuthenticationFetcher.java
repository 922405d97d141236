package io.sealift.control.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Micronaut's bearer-token authentication, minus its {@code TokenValidatedEvent}: that event
 * carries the raw token as its source, so any listener, and the event publisher's own DEBUG
 * log line, would see a live API token. Nothing here listens for it.
 *
 * <p>Thread-safe, like the class it replaces.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public final class EventlessTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

    /** Creates the fetcher over the registered validators (our {@code ApiTokenValidator}). */
    public EventlessTokenAuthenticationFetcher(List<TokenValidator<HttpRequest<?>>> validators,
            TokenResolver<HttpRequest<?>> resolver, HttpHostResolver hosts, HttpLocaleResolver locales) {
        super(validators, resolver, ApplicationEventPublisher.noOp(), hosts, locales);
    }
}
