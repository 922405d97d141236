package io.sealift.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sealift.agent.testing.MutableClock;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.HeartbeatAck;
import io.sealift.proto.v1.Hello;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.Welcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcControlSessionTest {
    private static final long WAIT_SECONDS = 10;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<AgentMessage> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> jobEvents = new LinkedBlockingQueue<>();
    private final String name = InProcessServerBuilder.generateName();
    private volatile Consumer<StreamObserver<ControlMessage>> onHello = out -> welcome(out, 1);
    private volatile boolean ack = true;
    private Server server;

    /** A job handler that records what it is given and reports progress back. */
    private final JobHandler recordingJobs = new JobHandler() {
        @Override
        public List<String> activeJobIds() {
            return List.of("job-7");
        }

        @Override
        public void onAssignment(JobAssignment assignment, ControlStream stream) {
            jobEvents.add(assignment);
            stream.send(AgentMessage.newBuilder().setProgress(JobProgress.newBuilder()
                    .setJobId(assignment.getJobId())).build());
        }

        @Override
        public void onCancel(CancelJob cancel) {
            jobEvents.add(cancel);
        }
    };

    @BeforeEach
    void startServer() throws IOException {
        server = InProcessServerBuilder.forName(name).directExecutor().addService(new AgentControlGrpc.AgentControlImplBase() {
            @Override
            public StreamObserver<AgentMessage> connect(StreamObserver<ControlMessage> responses) {
                ((ServerCallStreamObserver<ControlMessage>) responses).setOnCancelHandler(() -> serverEvents.add("cancelled"));
                return new StreamObserver<>() {
                    @Override
                    public void onNext(AgentMessage message) {
                        if (message.hasHello()) {
                            onHello.accept(responses);
                        } else if (message.hasHeartbeat() && ack) {
                            responses.onNext(ControlMessage.newBuilder().setHeartbeatAck(
                                    HeartbeatAck.newBuilder().setSequence(message.getHeartbeat().getSequence())).build());
                        }
                        // Recorded after answering, so a test that sees a message also sees its answer handled.
                        received.add(message);
                    }

                    @Override
                    public void onError(Throwable t) {
                        serverEvents.add("error");
                    }

                    @Override
                    public void onCompleted() {
                        serverEvents.add("completed");
                    }
                };
            }
        }).build().start();
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        scheduler.shutdownNow();
    }

    private static void welcome(StreamObserver<ControlMessage> out, int intervalSeconds) {
        out.onNext(ControlMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setAgentId("agent-1").setHeartbeatIntervalSeconds(intervalSeconds)).build());
    }

    private ControlSession open(BlockingQueue<String> welcomes) {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        GrpcControlSessions sessions = new GrpcControlSessions(() -> channel,
                new AgentDeclaration("1.2.3", List.of("hr-share"), List.of("landing")), recordingJobs, clock, scheduler);
        return sessions.open(welcomes::add);
    }

    private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(value, "timed out");
        return value;
    }

    @Test
    void session_sendsHelloFirst_andReportsTheWelcome() throws Exception {
        BlockingQueue<String> welcomes = new LinkedBlockingQueue<>();
        ControlSession session = open(welcomes);

        Hello hello = take(received).getHello();
        assertEquals(Hello.newBuilder().setVersion("1.2.3").addSourceNames("hr-share").addTargetNames("landing")
                .addActiveJobIds("job-7").build(), hello);
        assertEquals("agent-1", take(welcomes));
        assertEquals(1L, take(received).getHeartbeat().getSequence());
        session.close();
    }

    @Test
    void session_withoutHeartbeatAcks_endsItselfAfterThreeIntervals() throws Exception {
        ack = false;
        BlockingQueue<String> welcomes = new LinkedBlockingQueue<>();
        ControlSession session = open(welcomes);
        take(welcomes);

        clock.advance(Duration.ofSeconds(3));
        SessionEnd end = session.awaitEnd();

        assertEquals("no heartbeat acknowledgement for 3 intervals", end.reason());
        assertTrue(end.welcomed());
        assertFalse(end.stable());
        assertEquals("cancelled", take(serverEvents));
        session.close();
    }

    @Test
    void session_withAcknowledgedHeartbeats_isStable() throws Exception {
        ControlSession session = open(new LinkedBlockingQueue<>());
        take(received);
        assertTrue(take(received).hasHeartbeat());

        session.close();

        SessionEnd end = session.awaitEnd();
        assertTrue(end.stable(), end.toString());
        assertEquals("the agent is stopping", end.reason());
    }

    @Test
    void jobMessages_goToTheJobHandler_whichCanReply() throws Exception {
        onHello = out -> {
            welcome(out, 60);
            out.onNext(ControlMessage.newBuilder().setAssignment(JobAssignment.newBuilder().setJobId("job-1")).build());
            out.onNext(ControlMessage.newBuilder().setCancel(CancelJob.newBuilder().setJobId("job-1")).build());
            out.onNext(ControlMessage.getDefaultInstance());
        };
        ControlSession session = open(new LinkedBlockingQueue<>());

        assertEquals("job-1", ((JobAssignment) take(jobEvents)).getJobId());
        assertEquals("job-1", ((CancelJob) take(jobEvents)).getJobId());
        AgentMessage reply = take(received);
        while (!reply.hasProgress()) {
            reply = take(received);
        }
        assertEquals("job-1", reply.getProgress().getJobId());
        session.close();
    }

    @Test
    void serverEndingTheStream_endsTheSessionWithItsStatus() throws Exception {
        onHello = out -> out.onError(Status.PERMISSION_DENIED.withDescription("agent agent-1 is revoked").asRuntimeException());
        ControlSession session = open(new LinkedBlockingQueue<>());

        SessionEnd end = session.awaitEnd();

        assertTrue(end.revoked());
        assertFalse(end.welcomed());
        assertEquals("PERMISSION_DENIED: agent agent-1 is revoked", end.reason());
        session.close();
    }

    @Test
    void serverCompletingTheStream_isAnOrdinaryDisconnect() throws Exception {
        onHello = StreamObserver::onCompleted;
        ControlSession session = open(new LinkedBlockingQueue<>());

        SessionEnd end = session.awaitEnd();

        assertFalse(end.revoked());
        assertEquals("the control plane closed the stream", end.reason());
        session.close();
    }
}
