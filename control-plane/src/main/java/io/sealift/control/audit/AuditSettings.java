package io.sealift.control.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The audit log's settings, bound from {@code sealift.audit.*}.
 *
 * <p>Immutable; validated at startup.
 *
 * @param checkpointEveryRecords sign a checkpoint of a chain whenever its sequence number reaches a
 *     multiple of this
 * @param checkpointInterval also sign one this often: of the global chain always (so a checkpoint
 *     shows the log was alive and unchanged even when idle), of other chains when they advanced
 * @param retention how long records are kept; older ones are purged behind a checkpoint (7 years
 *     = 2557 days by default)
 * @param exportPageSize how many rows an export reads from the database at a time
 */
@ConfigurationProperties("sealift.audit")
public record AuditSettings(
        @Min(1) @Bindable(defaultValue = "1000") int checkpointEveryRecords,
        @NotNull @Bindable(defaultValue = "10m") Duration checkpointInterval,
        @NotNull @Bindable(defaultValue = "2557d") Duration retention,
        @Min(1) @Max(10000) @Bindable(defaultValue = "500") int exportPageSize) {
}
