package io.sealift.control.jobs;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.grpc.control.AgentConnections;
import io.sealift.control.jobs.Transition.Audit;
import io.sealift.control.jobs.Transition.CancelAgents;
import io.sealift.control.jobs.Transition.EndSession;
import io.sealift.control.jobs.Transition.Effect;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.Receipt;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link JobStateMachine} to stored jobs: reads the job, computes the step, stores it
 * under the optimistic lock (re-reading and re-computing if another thread or replica changed
 * the job meanwhile), then carries out the step's effects: {@code CancelJob} to both agents, a
 * {@link JobSessionEnded} event for the relay, audit records.
 *
 * <p>Thread-safe. Agents' messages count only when they come from one of the job's own agents
 * (as named by the caller's certificate) and name the job's current session.
 */
@Singleton
public class JobLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobLifecycle.class);
    private static final int MAX_TRIES = 5;
    private static final int MAX_RECEIPT_BYTES = 1024;

    private final JobRepository jobs;
    private final JobReceiptRepository receipts;
    private final JobSessionRepository sessions;
    private final SessionResultRepository results;
    private final SessionFileErrorRepository fileErrors;
    private final AgentRepository agents;
    private final JobStateMachine machine;
    private final AgentConnections connections;
    private final ApplicationEventPublisher<JobSessionEnded> sessionsEnded;
    private final JobAudit audit;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    /** Creates the lifecycle. */
    public JobLifecycle(JobRepository jobs, JobReceiptRepository receipts, JobSessionRepository sessions,
            SessionResultRepository results, SessionFileErrorRepository fileErrors, AgentRepository agents,
            JobStateMachine machine, AgentConnections connections,
            ApplicationEventPublisher<JobSessionEnded> sessionsEnded, JobAudit audit,
            TransactionOperations<Connection> transactions, Clock clock) {
        this.jobs = jobs;
        this.receipts = receipts;
        this.sessions = sessions;
        this.results = results;
        this.fileErrors = fileErrors;
        this.agents = agents;
        this.machine = machine;
        this.connections = connections;
        this.sessionsEnded = sessionsEnded;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Handles a {@code JobProgress} from {@code agent}. */
    public void progress(AuthenticatedAgent agent, JobProgress progress) {
        jobOf(agent, progress.getJobId()).ifPresent(job -> apply(job.id(), agent.actor(), null,
                current -> roleOf(current, agent.agentId(), null)
                        .flatMap(role -> machine.progress(current, role, progress, now())),
                stored -> { }));
    }

    /** Handles a {@code JobResult} from {@code agent}, storing its signed receipt with the outcome. */
    public void result(AuthenticatedAgent agent, JobResult result) {
        Optional<Job> found = jobOf(agent, result.getJobId());
        if (found.isEmpty()) {
            return;
        }
        Optional<JobRole> claimed = claimedRole(result);
        JobRole[] role = new JobRole[1];
        Optional<Job> stored = apply(found.get().id(), agent.actor(), null, current -> {
            role[0] = roleOf(current, agent.agentId(), claimed.orElse(null)).orElse(null);
            return role[0] == null ? Optional.empty() : machine.result(current, role[0], result, now());
        }, job -> {
            storeResult(job, agent, role[0], result);
            storeReceipt(job, agent, role[0], result);
        });
        stored.ifPresent(job -> auditReceipt(job, agent, role[0], result));
    }

    /** Ends the running sessions of {@code agentId}, whose control stream closed. */
    public void agentLost(UUID agentId, String actor) {
        for (Job job : jobs.findByAgentAndState(agentId, JobState.RUNNING.wireName())) {
            agentLost(job.id(), agentId, actor);
        }
    }

    /** Ends job {@code jobId}'s running session because {@code agentId} is not reachable. */
    public void agentLost(UUID jobId, UUID agentId, String actor) {
        apply(jobId, actor, null, current -> machine.agentLost(current, agentId, now()), stored -> { });
    }

    /**
     * Ends {@code session} of job {@code jobId}, which a control-plane process that is gone
     * assigned: its relay pair went with that process. The job is queued again at once.
     */
    public void orphaned(UUID jobId, long session) {
        apply(jobId, JobAudit.SYSTEM, null, current -> machine.orphaned(current, session, now()), job -> { });
    }

    /** Records the relay's count of payload bytes forwarded from source to target in {@code session}. */
    public void relayed(UUID jobId, long session, long bytes) {
        apply(jobId, JobAudit.SYSTEM, null, current -> machine.relayed(current, session, bytes, now()), job -> { });
    }

    /** Records that the relay paired both agents of {@code session}: the transfer starts. */
    public void transferStarted(UUID jobId, long session) {
        jobs.findById(jobId).filter(job -> job.session() == session).ifPresent(job -> audit.record(job,
                JobAudit.SYSTEM, "job.start", "success", null, Map.of("session", Long.toString(session),
                        "attempt", Integer.toString(job.attempt()))));
    }

    /** Cancels a job on behalf of {@code actor}; empty if it is already final. */
    Optional<Job> cancel(UUID jobId, String actor, @Nullable String correlationId) {
        Optional<Job> cancelled = apply(jobId, actor, correlationId, current -> machine.cancel(current, now()),
                job -> { });
        cancelled.ifPresent(job -> audit.record(job, actor, "job.cancel", "success", correlationId,
                Map.of("session", Long.toString(job.session()))));
        return cancelled;
    }

    /**
     * Queues a job that succeeded with errors again, to transfer only its failed files, on behalf
     * of {@code actor}; empty if the job is not {@code succeeded_with_errors}.
     */
    Optional<Job> retryFailedFiles(UUID jobId, String actor, @Nullable String correlationId) {
        Optional<Job> queued = apply(jobId, actor, correlationId, current -> machine.retryFailedFiles(current, now()),
                job -> { });
        queued.ifPresent(job -> audit.record(job, actor, "job.retry-failed", "success", correlationId, Map.of(
                "session", Long.toString(job.session()), "files-failed", Long.toString(job.filesFailed()),
                "scope", job.scope())));
        return queued;
    }

    private Optional<Job> apply(UUID jobId, String actor, @Nullable String correlationId,
            Function<Job, Optional<Transition>> step, Consumer<Job> alsoInTransaction) {
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            Optional<Transition> transition = jobs.findById(jobId).flatMap(step);
            if (transition.isEmpty()) {
                return Optional.empty();
            }
            try {
                Job stored = transactions.executeWrite(status -> {
                    Job updated = jobs.update(transition.get().job());
                    transition.get().effects().forEach(effect -> recordSessionEnd(updated, effect));
                    alsoInTransaction.accept(updated);
                    return updated;
                });
                transition.get().effects().forEach(effect -> carryOut(stored, effect, actor, correlationId));
                return Optional.of(stored);
            } catch (OptimisticLockException e) {
                LOG.debug("job {} changed concurrently; trying again", jobId);
            }
        }
        LOG.warn("job {} kept changing concurrently; an event was dropped after {} tries", jobId, MAX_TRIES);
        return Optional.empty();
    }

    /** Completes the session's history row when {@code effect} ends it. */
    private void recordSessionEnd(Job job, Effect effect) {
        if (effect instanceof EndSession end) {
            String ending = job.jobState() == JobState.QUEUED ? JobSession.REQUEUED : job.state();
            sessions.ended(job.id(), end.session(), job.updatedAt(), ending, job.errorCode(), job.sessionProgressed());
        }
    }

    private void carryOut(Job job, Effect effect, String actor, @Nullable String correlationId) {
        if (effect instanceof CancelAgents) {
            ControlMessage cancel = ControlMessage.newBuilder()
                    .setCancel(CancelJob.newBuilder().setJobId(job.id().toString())).build();
            connections.send(job.sourceAgentId(), cancel);
            if (!job.targetAgentId().equals(job.sourceAgentId())) {
                connections.send(job.targetAgentId(), cancel);
            }
        } else if (effect instanceof EndSession end) {
            sessionsEnded.publishEvent(new JobSessionEnded(job.id(), end.session()));
        } else if (effect instanceof Audit record) {
            audit.record(job, actor, record.action(), record.outcome(), correlationId, record.details());
        }
    }

    /** Finds the job a message names, if it exists and {@code agent} plays a part in it. */
    private Optional<Job> jobOf(AuthenticatedAgent agent, String jobId) {
        try {
            return jobs.findById(UUID.fromString(jobId))
                    .filter(job -> roleOf(job, agent.agentId(), null).isPresent());
        } catch (IllegalArgumentException e) {
            LOG.debug("agent {} named a job id that is not a UUID; ignored", agent.agentId());
            return Optional.empty();
        }
    }

    /**
     * Returns the role {@code agentId} plays in {@code job}. An agent that is both source and
     * target (two endpoints of one agent) is taken at its {@code claimed} role, else as the target,
     * whose counters are the truth.
     */
    private static Optional<JobRole> roleOf(Job job, UUID agentId, @Nullable JobRole claimed) {
        boolean source = agentId.equals(job.sourceAgentId());
        boolean target = agentId.equals(job.targetAgentId());
        if (source && target) {
            return Optional.of(claimed != null ? claimed : job.targetOutcome() == null ? JobRole.TARGET
                    : JobRole.SOURCE);
        }
        return source ? Optional.of(JobRole.SOURCE) : target ? Optional.of(JobRole.TARGET) : Optional.empty();
    }

    private static Optional<JobRole> claimedRole(JobResult result) {
        if (!result.hasReceipt()) {
            return Optional.empty();
        }
        return ReceiptVerifier.parse(result.getReceipt().getReceipt().toByteArray()).map(Receipt::getRole)
                .flatMap(role -> switch (role) {
                    case TRANSFER_ROLE_SOURCE -> Optional.of(JobRole.SOURCE);
                    case TRANSFER_ROLE_TARGET -> Optional.of(JobRole.TARGET);
                    default -> Optional.empty();
                });
    }

    /** Stores an agent's result and its failures by code (codes outside the closed list become INTERNAL). */
    private void storeResult(Job job, AuthenticatedAgent agent, JobRole role, JobResult result) {
        String error = result.getError() == ErrorCode.ERROR_CODE_UNSPECIFIED ? null
                : JobError.fromProto(result.getError()).name();
        String outcome = job.outcomeOf(role);
        results.insert(job.id(), job.session(), role.wireName(), agent.agentId(),
                outcome == null ? JobOutcome.JOB_OUTCOME_FAILED.name() : outcome, error, result.getRetryable(),
                Math.max(0, result.getFilesDone()), Math.max(0, result.getBytesDone()),
                Math.max(0, result.getFilesFailed()), Math.max(0, result.getFilesSkipped()), now());
        Map<String, Long> byCode = new TreeMap<>();
        result.getFileErrorsList().stream().filter(count -> count.getFiles() > 0).forEach(count ->
                byCode.merge(JobError.fromProto(count.getCode()).name(), count.getFiles(), Long::sum));
        byCode.forEach((code, files) -> fileErrors.insert(job.id(), job.session(), role.wireName(), code, files));
    }

    private void storeReceipt(Job job, AuthenticatedAgent agent, JobRole role, JobResult result) {
        if (!hasStorableReceipt(result)) {
            return;
        }
        byte[] receipt = result.getReceipt().getReceipt().toByteArray();
        byte[] signature = result.getReceipt().getSignature().toByteArray();
        Agent stored = agents.findById(agent.agentId()).orElseThrow();
        boolean verified = ReceiptVerifier.verify(receipt, signature, stored, job, role);
        if (!verified) {
            LOG.warn("the {} receipt of job {} session {} from agent {} does not verify", role, job.id(),
                    job.session(), agent.agentId());
        }
        receipts.insert(job.id(), job.session(), role.wireName(), agent.agentId(), receipt, signature, verified, now());
    }

    private void auditReceipt(Job job, AuthenticatedAgent agent, JobRole role, JobResult result) {
        if (!hasStorableReceipt(result)) {
            return;
        }
        receipts.findByJobAndSession(job.id(), job.session()).stream()
                .filter(r -> r.id().role().equals(role.wireName()))
                .findFirst()
                .ifPresent(r -> audit.record(job, agent.actor(), "job.receipt", r.verified() ? "success" : "failure",
                        null, receiptDetails(r)));
    }

    /**
     * Returns what the audit log keeps of a receipt: enough for an auditor to verify it offline
     * (the signed bytes, the signature, the agent's public identity key) and its counts.
     */
    private Map<String, String> receiptDetails(JobReceipt receipt) {
        ReceiptView view = ReceiptView.of(receipt);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("session", Long.toString(receipt.id().session()));
        details.put("role", receipt.id().role());
        details.put("verified", Boolean.toString(receipt.verified()));
        details.put("files", String.valueOf(view.files()));
        details.put("bytes", String.valueOf(view.bytes()));
        details.put("ciphertext-root", String.valueOf(view.ciphertextRoot()));
        details.put("receipt", Base64.getEncoder().encodeToString(receipt.receipt()));
        details.put("signature", Base64.getEncoder().encodeToString(receipt.signature()));
        agents.findById(receipt.agentId()).flatMap(ReceiptVerifier::identityKey)
                .ifPresent(key -> details.put("identity-key", HexFormat.of().formatHex(key)));
        return details;
    }

    private static boolean hasStorableReceipt(JobResult result) {
        return result.hasReceipt() && !result.getReceipt().getReceipt().isEmpty()
                && result.getReceipt().getReceipt().size() <= MAX_RECEIPT_BYTES
                && result.getReceipt().getSignature().size() <= MAX_RECEIPT_BYTES;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
