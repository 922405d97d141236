package io.sealift.control.jobs;

import io.micronaut.core.annotation.Order;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.core.annotation.Nullable;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.grpc.control.AgentConnections;
import io.sealift.control.grpc.control.ControlStreamListener;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Hello;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds agents' control-stream events into the jobs: Hello offers the agent's queued jobs for
 * assignment, cancels jobs the agent still holds state for that ended (failed, cancelled,
 * succeeded: a queued job keeps its agents' journals for the next session to resume from), and
 * ends running sessions of the agent that its Hello does not list as active or that a
 * control-plane process that is gone assigned; progress and results go to the
 * {@link JobLifecycle}, a closed stream ends the agent's running sessions.
 *
 * <p>Thread-safe and thin: the agent is always the one of the stream's certificate. Ordered
 * first among the listeners, so any other listener hears of an event after the jobs handled it.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
public class JobControlListener implements ControlStreamListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobControlListener.class);

    private final JobScheduler scheduler;
    private final JobLifecycle lifecycle;
    private final JobRepository jobs;
    private final AgentConnections connections;
    private final AgentRepository agents;
    private volatile boolean stopping;

    /** Creates the listener. */
    public JobControlListener(JobScheduler scheduler, JobLifecycle lifecycle, JobRepository jobs,
            AgentConnections connections, AgentRepository agents) {
        this.agents = agents;
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.connections = connections;
    }

    @Override
    public void opened(AuthenticatedAgent agent, Hello hello) {
        hello.getActiveJobIdsList().forEach(jobId -> cancelIfFinal(agent.agentId(), jobId));
        endSessionsTheAgentLost(agent, hello);
        scheduler.agentConnected(agent.agentId());
    }

    @Override
    public void received(AuthenticatedAgent agent, AgentMessage message) {
        switch (message.getKindCase()) {
            case PROGRESS -> lifecycle.progress(agent, message.getProgress());
            case RESULT -> lifecycle.result(agent, message.getResult());
            default -> LOG.debug("agent {} sent {}; not a job message", agent.agentId(), message.getKindCase());
        }
    }

    /**
     * Ends the running sessions of the agent, except while the control plane shuts down: then the
     * streams end because this process does, not the agent, and the sessions are left running, to
     * be orphaned (queued again without using up an attempt) by the next process or another
     * replica, exactly as after a crash.
     */
    @Override
    public void closed(AuthenticatedAgent agent) {
        if (!stopping) {
            lifecycle.agentLost(agent.agentId(), agent.actor());
        }
    }

    /** The application is shutting down; the gRPC server closes its streams next. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Ends the running sessions of the agent that its Hello does not list: it lost them (it
     * restarted, or its previous stream ended where this replica did not see it). Also ends,
     * listed or not, the sessions a previous control-plane process assigned: their relay pairs
     * died with it, so they are queued again for a new session.
     */
    private void endSessionsTheAgentLost(AuthenticatedAgent agent, Hello hello) {
        Instant connectedAt = agents.findById(agent.agentId()).map(Agent::lastSeen).orElse(null);
        for (Job job : jobs.findByAgentAndState(agent.agentId(), JobState.RUNNING.wireName())) {
            if (!scheduler.assignedHere(job)) {
                lifecycle.orphaned(job.id(), job.session());
            } else if (!hello.getActiveJobIdsList().contains(job.id().toString())
                    && assignedBefore(job, connectedAt)) {
                lifecycle.agentLost(job.id(), agent.agentId(), agent.actor());
            }
        }
    }

    /**
     * Returns whether the job's session was assigned before the agent's new stream was recorded
     * as connected. One assigned since (by another thread, between the stream's registration and
     * this Hello's handling) went to the new stream, so the agent knows it even though its Hello
     * could not list it.
     */
    private static boolean assignedBefore(Job job, @Nullable Instant connectedAt) {
        return connectedAt == null || job.startedAt() == null || job.startedAt().isBefore(connectedAt);
    }

    /** Tells the agent to drop a job it still holds state for, if that job has ended. */
    private void cancelIfFinal(UUID agentId, String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            return;
        }
        jobs.findById(id)
                .filter(job -> agentId.equals(job.sourceAgentId()) || agentId.equals(job.targetAgentId()))
                .filter(job -> job.jobState().isFinal())
                .ifPresent(job -> connections.send(agentId, ControlMessage.newBuilder()
                        .setCancel(CancelJob.newBuilder().setJobId(jobId)).build()));
    }
}
