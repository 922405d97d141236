package io.sealift.control.jobs;

import com.google.protobuf.ByteString;
import io.micronaut.scheduling.annotation.Scheduled;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentPresence;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.grpc.control.AgentConnections;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.SignedKeyBundle;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns queued jobs to their agents: when a job is created, when an agent says Hello, and on a
 * periodic sweep. A job is assigned only when both its agents have a live control stream on this
 * replica; the move to running is a conditional update, so a job is assigned once even when
 * several threads or replicas try at the same time.
 *
 * <p>Each scheduler (one per control-plane process) has a random id, stored with every session
 * it assigns. A running session assigned by another id was assigned by a process that is gone
 * (a restart) or by another replica; its relay pair lives there, if anywhere.
 *
 * <p>The sweep also ends running sessions whose agent the store no longer shows online (a
 * stream that ended on another replica, or a control plane that restarted under a running job):
 * as AGENT_OFFLINE, counted as an attempt, when this process assigned the session; else as
 * orphaned (CONNECTION_LOST, queued again at once, not counted: the control plane lost it).
 * Thread-safe.
 */
@Singleton
public class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final int SWEEP_BATCH = 200;

    private final JobRepository jobs;
    private final AgentRepository agents;
    private final AgentPresence presence;
    private final AgentConnections connections;
    private final JobSessionRepository sessions;
    private final JobLifecycle lifecycle;
    private final JobAudit audit;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final UUID instance = UUID.randomUUID();

    /** Creates the scheduler. */
    public JobScheduler(JobRepository jobs, JobSessionRepository sessions, AgentRepository agents,
            AgentPresence presence, AgentConnections connections, JobLifecycle lifecycle, JobAudit audit,
            TransactionOperations<Connection> transactions, Clock clock) {
        this.jobs = jobs;
        this.sessions = sessions;
        this.transactions = transactions;
        this.agents = agents;
        this.presence = presence;
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    /** Offers every assignable queued job of {@code agentId} (which just connected) for assignment. */
    public void agentConnected(UUID agentId) {
        jobs.findAssignableOf(agentId, now()).forEach(this::tryAssign);
    }

    /** Assigns queued jobs whose agents are connected, and ends sessions whose agents went offline. */
    @Scheduled(fixedDelay = "${sealift.jobs.sweep-interval:5s}", initialDelay = "${sealift.jobs.sweep-interval:5s}")
    public void sweep() {
        try {
            jobs.findAssignable(now(), SWEEP_BATCH).forEach(this::tryAssign);
            jobs.findRunning(SWEEP_BATCH).forEach(this::checkPresence);
        } catch (RuntimeException e) {
            LOG.error("the job sweep failed; it runs again in the next interval", e);
        }
    }

    /**
     * Assigns {@code job} if it is queued and both its agents are connected here; returns the
     * job as stored afterwards (unchanged if it was not assigned).
     */
    public Job tryAssign(Job job) {
        if (job.jobState() != JobState.QUEUED
                || !connections.isConnected(job.sourceAgentId()) || !connections.isConnected(job.targetAgentId())) {
            return job;
        }
        Optional<Agent> source = agents.findById(job.sourceAgentId()).filter(a -> a.revokedAt() == null);
        Optional<Agent> target = agents.findById(job.targetAgentId()).filter(a -> a.revokedAt() == null);
        if (source.isEmpty() || target.isEmpty() || !assign(job)) {
            return jobs.findById(job.id()).orElse(job);
        }
        Job running = jobs.findById(job.id()).orElseThrow();
        audit.record(running, JobAudit.SYSTEM, "job.assign", "success", null, Map.of(
                "session", Long.toString(running.session()), "attempt", Integer.toString(running.attempt())));
        if (send(running, JobRole.SOURCE, target.get())) {
            send(running, JobRole.TARGET, source.get());
        }
        return jobs.findById(job.id()).orElse(running);
    }

    /** Returns whether this process assigned {@code job}'s current session. */
    public boolean assignedHere(Job job) {
        return instance.equals(job.assignedBy());
    }

    /** Moves the job to running as a new session, with that session's history row; false if another caller won. */
    private boolean assign(Job job) {
        Instant now = now();
        return transactions.executeWrite(status -> {
            if (jobs.assign(job.id(), now, instance) == 0) {
                return false;
            }
            Job running = jobs.findById(job.id()).orElseThrow();
            sessions.started(running.id(), running.session(), running.attempt(), running.scope(), now);
            return true;
        });
    }

    /** Sends the assignment to the agent playing {@code role}; if it cannot, ends the session and returns false. */
    private boolean send(Job job, JobRole role, Agent peer) {
        UUID agentId = job.agentOf(role);
        JobAssignment assignment = JobAssignment.newBuilder()
                .setJobId(job.id().toString())
                .setAttempt(job.attempt())
                .setSession(job.session())
                .setRole(role.proto())
                .setEndpoint(job.endpointOf(role))
                .setScope(job.jobScope().proto())
                .setPeerAgentId(peer.id().toString())
                .setPeerKeyBundle(SignedKeyBundle.newBuilder()
                        .setBundle(ByteString.copyFrom(peer.keyBundle()))
                        .setSignature(ByteString.copyFrom(peer.keyBundleSignature())))
                .build();
        if (connections.send(agentId, ControlMessage.newBuilder().setAssignment(assignment).build())) {
            return true;
        }
        lifecycle.agentLost(job.id(), agentId, JobAudit.SYSTEM);
        return false;
    }

    private void checkPresence(Job job) {
        for (UUID agentId : new UUID[] {job.sourceAgentId(), job.targetAgentId()}) {
            boolean online = agents.findById(agentId).map(a -> "online".equals(presence.status(a))).orElse(false);
            if (!online && assignedHere(job)) {
                lifecycle.agentLost(job.id(), agentId, JobAudit.SYSTEM);
                return;
            }
            if (!online) {
                lifecycle.orphaned(job.id(), job.session());
                return;
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
