package io.sealift.control.jobs;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.grpc.control.AgentConnections;
import io.sealift.control.grpc.control.ControlStreamListener;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Hello;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds agents' control-stream events into the jobs: Hello offers the agent's queued jobs for
 * assignment, cancels jobs the agent still holds state for that are no longer running, and ends
 * running sessions of the agent that its Hello does not list as active; progress
 * and results go to the {@link JobLifecycle}, a closed stream ends the agent's running sessions.
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

    /** Creates the listener. */
    public JobControlListener(JobScheduler scheduler, JobLifecycle lifecycle, JobRepository jobs,
            AgentConnections connections) {
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.connections = connections;
    }

    @Override
    public void opened(AuthenticatedAgent agent, Hello hello) {
        hello.getActiveJobIdsList().forEach(jobId -> cancelIfNotRunning(agent.agentId(), jobId));
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

    @Override
    public void closed(AuthenticatedAgent agent) {
        lifecycle.agentLost(agent.agentId(), agent.actor());
    }

    /**
     * Ends the running sessions of the agent that its Hello does not list: it lost them (it
     * restarted, or its previous stream ended where this replica did not see it).
     */
    private void endSessionsTheAgentLost(AuthenticatedAgent agent, Hello hello) {
        for (Job job : jobs.findByAgentAndState(agent.agentId(), JobState.RUNNING.wireName())) {
            if (!hello.getActiveJobIdsList().contains(job.id().toString())) {
                lifecycle.agentLost(job.id(), agent.agentId(), agent.actor());
            }
        }
    }

    /** Tells the agent to drop a job it still holds state for, unless that job is running. */
    private void cancelIfNotRunning(UUID agentId, String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            return;
        }
        jobs.findById(id)
                .filter(job -> agentId.equals(job.sourceAgentId()) || agentId.equals(job.targetAgentId()))
                .filter(job -> job.jobState() != JobState.RUNNING)
                .ifPresent(job -> connections.send(agentId, ControlMessage.newBuilder()
                        .setCancel(CancelJob.newBuilder().setJobId(jobId)).build()));
    }
}
