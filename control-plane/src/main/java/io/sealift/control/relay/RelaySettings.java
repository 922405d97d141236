package io.sealift.control.relay;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The relay's settings, bound from {@code sealift.relay.*}. Immutable; validated at startup.
 *
 * @param pairTimeout how long the first agent's stream of a session waits for the other's
 *     before it is ended with UNAVAILABLE
 * @param progressInterval how often, at most, the count of bytes forwarded is written to the
 *     job as progress
 */
@ConfigurationProperties("sealift.relay")
public record RelaySettings(
        @NotNull @Bindable(defaultValue = "60s") Duration pairTimeout,
        @NotNull @Bindable(defaultValue = "1s") Duration progressInterval) {
}
