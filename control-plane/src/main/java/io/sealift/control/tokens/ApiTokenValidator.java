package io.sealift.control.tokens;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.secrets.IssuedSecret;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Authenticates a bearer token against the stored API tokens, by the SHA-256 of its value.
 * A revoked, unknown or malformed token yields no authentication, so the request is anonymous
 * (401 on every secured endpoint, harmless on public ones).
 *
 * <p>Thread-safe. The lookup runs on the blocking executor, off the event loop.
 */
@Singleton
public final class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final ApiTokenRepository tokens;
    private final ExecutorService blocking;

    /** Creates the validator. */
    public ApiTokenValidator(ApiTokenRepository tokens, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.tokens = tokens;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!ApiTokens.wellFormed(token)) {
            return Publishers.empty();
        }
        IssuedSecret presented = IssuedSecret.presented(token);
        return Publishers.fromCompletableFuture(
                () -> CompletableFuture.supplyAsync(() -> authenticate(presented).orElse(null), blocking));
    }

    /** Returns the authentication of a presented token, if it is stored and not revoked. */
    Optional<Authentication> authenticate(IssuedSecret presented) {
        return tokens.findByTokenHash(presented.hash())
                .filter(token -> token.revokedAt() == null)
                .flatMap(token -> Role.parse(token.role())
                        .map(role -> Caller.authentication(token.id(), role, token.tenantId())));
    }
}
