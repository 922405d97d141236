package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final JobSettings SETTINGS = new JobSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofSeconds(5));

    private static Job job(int stalled, int failures, boolean progressed) {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        return Job.queued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "home", UUID.randomUUID(),
                "landing", now, null).toBuilder().retryCounters(stalled, failures).sessionProgressed(progressed)
                .build();
    }

    @Test
    void theBackoffCeiling_doublesPerFailureInARow_upToTheConfiguredMaximum() {
        assertEquals(Duration.ofSeconds(5), SETTINGS.backoffCeiling(1));
        assertEquals(Duration.ofSeconds(20), SETTINGS.backoffCeiling(3));
        assertEquals(Duration.ofMinutes(10), SETTINGS.backoffCeiling(15));
        assertEquals(Duration.ofMinutes(10), SETTINGS.backoffCeiling(Integer.MAX_VALUE));
    }

    @Test
    void theWait_isBetweenHalfTheCeilingAndTheCeiling_asTheRandomSourceSays() {
        assertEquals(Duration.ofMillis(10_000), new RetryPolicy(SETTINGS, new FixedRandom(0)).backoff(3));
        assertEquals(Duration.ofMillis(15_000), new RetryPolicy(SETTINGS, new FixedRandom(0.5)).backoff(3));
        assertEquals(Duration.ofMillis(19_999), new RetryPolicy(SETTINGS, new FixedRandom(0.99995)).backoff(3));
        assertEquals(Duration.ofMinutes(5), new RetryPolicy(SETTINGS, new FixedRandom(0)).backoff(40));
    }

    @Test
    void waitsAfterTheSameFailureCount_spreadOverTheWholeRange() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, new Random(42));

        Map<Long, Long> bySecond = IntStream.range(0, 1000)
                .mapToObj(i -> policy.backoff(2).toMillis()).peek(ms -> assertTrue(ms >= 5000 && ms < 10_000))
                .collect(Collectors.groupingBy(ms -> ms / 1000, Collectors.counting()));

        assertEquals(5, bySecond.size(), "every second of [5 s, 10 s) is hit: " + bySecond);
        bySecond.values().forEach(count -> assertTrue(count > 120, bySecond::toString));
    }

    @Test
    void everyErrorCode_hasItsDocumentedRetryClass() {
        Map<JobError.Retry, String> expected = Map.of(
                JobError.Retry.NEVER, "ENDPOINT_UNKNOWN PERMISSION_DENIED TAMPERED TARGET_NOT_EMPTY UNTRUSTED_KEY",
                JobError.Retry.ALWAYS, "AGENT_OFFLINE CONNECTION_LOST",
                JobError.Retry.WAIT, "DISK_FULL",
                JobError.Retry.AS_REPORTED, "FILE_IO_ERROR FILE_VANISHED INTERNAL SOURCE_CHANGED");
        Map<JobError.Retry, String> actual = Arrays.stream(JobError.values()).collect(Collectors.groupingBy(
                JobError::retry, Collectors.mapping(JobError::name, Collectors.collectingAndThen(Collectors.toList(),
                        names -> names.stream().sorted().collect(Collectors.joining(" "))))));
        assertEquals(expected, actual);
    }

    @Test
    void failuresWithoutProgress_countUpToTheLimit_thenTheJobFails() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, new FixedRandom(0));

        RetryPolicy.Decision second = policy.afterFailure(job(1, 1, false), JobError.CONNECTION_LOST, true);
        assertTrue(second.retry());
        assertEquals(2, second.stalledAttempts());
        assertEquals(Duration.ofSeconds(5), second.delay());

        RetryPolicy.Decision third = policy.afterFailure(job(2, 2, false), JobError.CONNECTION_LOST, true);
        assertFalse(third.retry());
        assertEquals(3, third.stalledAttempts());
    }

    @Test
    void aFailureAfterProgress_startsCountingAgain() {
        RetryPolicy.Decision decision = new RetryPolicy(SETTINGS, new FixedRandom(0))
                .afterFailure(job(2, 5, true), JobError.AGENT_OFFLINE, true);

        assertTrue(decision.retry());
        assertEquals(0, decision.stalledAttempts());
        assertEquals(1, decision.failuresInRow());
        assertEquals(Duration.ofMillis(2500), decision.delay());
    }

    @Test
    void aFullDisk_neverUsesUpAttempts_butBacksOffFurther() {
        RetryPolicy.Decision decision = new RetryPolicy(SETTINGS, new FixedRandom(0))
                .afterFailure(job(2, 9, false), JobError.DISK_FULL, false);

        assertTrue(decision.retry());
        assertEquals(2, decision.stalledAttempts());
        assertEquals(10, decision.failuresInRow());
        assertEquals(Duration.ofMinutes(5), decision.delay(), "half of the 10 min cap");
    }

    @Test
    void permanentErrors_andErrorsTheAgentCallsPermanent_giveUp_withoutCounting() {
        RetryPolicy policy = new RetryPolicy(SETTINGS, new FixedRandom(0));

        RetryPolicy.Decision tampered = policy.afterFailure(job(0, 0, false), JobError.TAMPERED, true);
        assertFalse(tampered.retry());
        assertEquals(0, tampered.stalledAttempts());
        assertFalse(policy.afterFailure(job(0, 0, false), JobError.FILE_IO_ERROR, false).retry());
        assertTrue(policy.afterFailure(job(0, 0, false), JobError.FILE_IO_ERROR, true).retry());
    }
}
