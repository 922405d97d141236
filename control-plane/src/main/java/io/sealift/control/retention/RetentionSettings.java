package io.sealift.control.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Retention of metadata other than the audit log (whose own retention is
 * {@code sealift.audit.retention}), bound from {@code sealift.retention.*}.
 *
 * <p>Immutable; validated at startup.
 *
 * @param jobs how long a finished job (and its receipts) is kept after it finished
 * @param sweepInterval how often the retention sweep runs
 */
@ConfigurationProperties("sealift.retention")
public record RetentionSettings(
        @NotNull @Bindable(defaultValue = "365d") Duration jobs,
        @NotNull @Bindable(defaultValue = "1h") Duration sweepInterval) {
}
