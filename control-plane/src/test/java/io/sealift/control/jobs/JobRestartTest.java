package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.micronaut.context.ApplicationContext;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.grpc.AgentGrpcServer;
import io.sealift.control.grpc.ConnectedAgent;
import io.sealift.control.grpc.StoreFixtures;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane stopped under a running job and started again on the same H2 file store:
 * the job is not lost, gets exactly one new session once both agents are back (without using up
 * an attempt: the control plane lost the session, not the agents), and the old session's late
 * results change nothing.
 */
class JobRestartTest {
    @TempDir
    Path dataDir;

    private final List<ConnectedAgent> agents = new ArrayList<>();
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private UUID jobId;
    private ConnectedAgent source;
    private ConnectedAgent target;

    @AfterEach
    void stop() {
        agents.forEach(ConnectedAgent::close);
        contexts.forEach(ApplicationContext::close);
    }

    private ApplicationContext start() {
        ApplicationContext context = ApplicationContext.builder().environments("test").properties(Map.of(
                "sealift.data-dir", dataDir.toString(), "sealift.grpc.port", "0", "micronaut.server.port", "-1",
                "sealift.jobs.sweep-interval", "1h", "sealift.grpc.heartbeat-interval", "1h")).start();
        contexts.add(context);
        return context;
    }

    /** Runs a control plane with a job in session 1 whose target placed 500 bytes, then stops it. */
    private void runAJobAndStop() {
        try (ApplicationContext first = start()) {
            UUID tenant = first.getBean(StoreFixtures.class).tenant();
            source = enroll(first, tenant).connect(List.of("hr-share"), List.of());
            target = enroll(first, tenant).connect(List.of(), List.of("landing"));
            Job job = first.getBean(JobRepository.class).save(Job.queued(UUID.randomUUID(), tenant, source.id(),
                    "hr-share", target.id(), "landing", Instant.now().truncatedTo(ChronoUnit.MICROS), null));
            jobId = job.id();
            first.getBean(JobScheduler.class).tryAssign(job);
            source.nextAssignment();
            target.nextAssignment();
            target.send(AgentMessage.newBuilder().setProgress(JobProgress.newBuilder().setJobId(jobId.toString())
                    .setSession(1).setBytesDone(500).setBytesTotal(1000).setFilesDone(1).setFilesTotal(2)).build());
            target.sync();
        }
    }

    private ConnectedAgent enroll(ApplicationContext context, UUID tenant) {
        ConnectedAgent agent = ConnectedAgent.enroll(context.getBean(AgentGrpcServer.class),
                context.getBean(CertificateAuthority.class), context.getBean(StoreFixtures.class), tenant);
        agents.add(agent);
        return agent;
    }

    private ConnectedAgent reopen(ApplicationContext context, ConnectedAgent agent) {
        ConnectedAgent reopened = agent.reopen(context.getBean(AgentGrpcServer.class),
                context.getBean(CertificateAuthority.class));
        agents.add(reopened);
        return reopened;
    }

    private static AgentMessage succeeded(UUID jobId, long session) {
        return AgentMessage.newBuilder().setResult(JobResult.newBuilder().setJobId(jobId.toString())
                .setSession(session).setOutcome(JobOutcome.JOB_OUTCOME_SUCCEEDED).setFilesDone(2).setBytesDone(1000))
                .build();
    }

    @Test
    void aJobRunningWhenTheControlPlaneStops_getsOneNewSession_onceBothAgentsAreBack() {
        runAJobAndStop();
        ApplicationContext second = start();
        JobRepository jobs = second.getBean(JobRepository.class);
        Job left = jobs.findById(jobId).orElseThrow();
        assertEquals("running", left.state(), "stopping the control plane is not the agents' failure");
        assertEquals(1, left.session());

        ConnectedAgent sourceAgain = reopen(second, source).connect(List.of("hr-share"), List.of(),
                List.of(jobId.toString()));
        sourceAgain.sync();
        Job requeued = jobs.findById(jobId).orElseThrow();
        assertEquals("queued", requeued.state(), "its relay pair died with the old process");
        assertEquals("CONNECTION_LOST", requeued.errorCode());
        assertEquals(0, requeued.stalledAttempts(), "the control plane lost the session: no attempt used up");
        assertFalse(sourceAgain.hasPending(), "no CancelJob, and no assignment while the target is away");

        ConnectedAgent targetAgain = reopen(second, target).connect(List.of(), List.of("landing"),
                List.of(jobId.toString()));
        JobAssignment toTarget = targetAgain.nextAssignment();
        assertEquals(2, toTarget.getSession());
        assertEquals(2, toTarget.getAttempt());
        assertEquals(2, sourceAgain.nextAssignment().getSession());
        assertEquals(500, jobs.findById(jobId).orElseThrow().bytesDone(), "what was placed before still counts");

        targetAgain.send(succeeded(jobId, 1));
        sourceAgain.send(succeeded(jobId, 1));
        targetAgain.sync();
        sourceAgain.sync();
        Job stillRunning = jobs.findById(jobId).orElseThrow();
        assertEquals("running", stillRunning.state(), "session 1's late results are ignored");
        assertEquals(2, stillRunning.session());

        targetAgain.send(succeeded(jobId, 2));
        sourceAgain.send(succeeded(jobId, 2));
        targetAgain.sync();
        sourceAgain.sync();
        assertEquals("succeeded", jobs.findById(jobId).orElseThrow().state());
        List<JobSession> history = second.getBean(JobSessionRepository.class).findByJob(jobId);
        assertEquals(List.of("requeued", "succeeded"), history.stream().map(JobSession::ending).toList());
        assertEquals("CONNECTION_LOST", history.get(0).errorCode());
    }

    @Test
    void aJobRunningWhenTheControlPlaneStops_isQueuedAgainByTheSweep_whileItsAgentsStayAway() {
        runAJobAndStop();
        ApplicationContext second = start();
        JobRepository jobs = second.getBean(JobRepository.class);
        UUID oldAssigner = jobs.findById(jobId).orElseThrow().assignedBy();

        second.getBean(JobScheduler.class).sweep();

        Job requeued = jobs.findById(jobId).orElseThrow();
        assertEquals("queued", requeued.state());
        assertEquals(1, requeued.attempt());
        assertEquals(0, requeued.stalledAttempts());
        ConnectedAgent sourceAgain = reopen(second, source).connect(List.of("hr-share"), List.of());
        ConnectedAgent targetAgain = reopen(second, target).connect(List.of(), List.of("landing"));
        assertEquals(2, targetAgain.nextAssignment().getSession());
        assertEquals(2, sourceAgain.nextAssignment().getSession());
        assertNotEquals(oldAssigner, jobs.findById(jobId).orElseThrow().assignedBy());
    }
}
