package io.sealift.control.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.grpc.AgentGrpcServer;
import io.sealift.control.grpc.ConnectedAgent;
import io.sealift.control.grpc.StoreFixtures;
import io.sealift.control.jobs.Job;
import io.sealift.control.jobs.JobRepository;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.RecordingRelayTap;
import io.sealift.control.testing.RestClient.Response;
import io.sealift.proto.v1.RelayFrame;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay through the real mutual-TLS gRPC server: admission by certificate, job and session;
 * pairing in either order; forwarding both ways, unchanged and in order; flow control against a
 * slow reader; how the pair ends. Jobs are put into the store directly and assigned with the
 * repository's conditional update, so no control stream is needed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayTest extends ApiTestBase {
    @Inject AgentGrpcServer grpc;
    @Inject CertificateAuthority ca;
    @Inject StoreFixtures store;
    @Inject JobRepository jobs;
    @Inject RecordingRelayTap tap;
    @Inject Relay relay;

    private final List<ConnectedAgent> opened = new ArrayList<>();
    private UUID tenant;
    private ConnectedAgent source;
    private ConnectedAgent target;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("sealift.relay.pair-timeout", "2s", "sealift.jobs.sweep-interval", "1h");
    }

    @BeforeAll
    void createTenant() {
        tenant = createTenant("relay");
    }

    @BeforeEach
    void enrollAgents() {
        source = enroll(tenant);
        target = enroll(tenant);
        tap.clear();
    }

    @AfterEach
    void closeAgents() {
        opened.forEach(ConnectedAgent::close);
        opened.clear();
    }

    private ConnectedAgent enroll(UUID tenantId) {
        ConnectedAgent agent = ConnectedAgent.enroll(grpc, ca, store, tenantId);
        opened.add(agent);
        return agent;
    }

    /** Stores a job from {@link #source} to {@link #target}, running in session 1. */
    private UUID runningJob() {
        UUID id = queuedJob();
        assertEquals(1, jobs.assign(id, Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID()));
        return id;
    }

    private UUID queuedJob() {
        Job job = Job.queued(UUID.randomUUID(), tenant, source.id(), "hr-share", target.id(), "landing",
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        return jobs.save(job).id();
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }

    @Test
    void theTwoSides_arePaired_andPayloadsGoBothWaysUnchangedAndInOrder() throws Exception {
        UUID id = runningJob();
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);

        sending.send(bytes("header"));
        sending.send(bytes("frame-0"));
        sending.send(bytes("trailer"));
        sending.halfClose();
        assertEquals(bytes("header"), receiving.next());
        assertEquals(bytes("frame-0"), receiving.next());
        assertEquals(bytes("trailer"), receiving.next());
        // The source's half-close ends only its direction: the target can still answer.
        receiving.send(bytes("completed"));
        assertEquals(bytes("completed"), sending.next());

        receiving.halfClose();
        assertEquals(Status.Code.OK, receiving.end().getCode());
        assertEquals(Status.Code.OK, sending.end().getCode());
        assertEquals(List.of(RelayDirection.SOURCE_TO_TARGET, RelayDirection.SOURCE_TO_TARGET,
                RelayDirection.SOURCE_TO_TARGET, RelayDirection.TARGET_TO_SOURCE),
                tap.frames().stream().map(RecordingRelayTap.Frame::direction).toList());
        assertEquals(bytes("frame-0"), tap.frames().get(1).payload());
        assertEquals(20, jobs.findById(id).orElseThrow().bytesRelayed(), "header + frame-0 + trailer");
    }

    @Test
    void aSlowReader_holdsTheSenderBack_andTheRelayBuffersOnlyAFewFrames() throws Exception {
        UUID id = runningJob();
        int frames = 1000;
        int frameSize = 64 * 1024;
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, true);
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        AtomicInteger sent = new AtomicInteger();
        Semaphore blocked = new Semaphore(0);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    if (!sending.isReady()) {
                        blocked.release();
                    }
                    sending.sendWhenReady(ByteString.copyFrom(ByteBuffer.allocate(frameSize).putInt(0, i)));
                    sent.incrementAndGet();
                }
                sending.halfClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                blocked.release();
            }
        });

        // The reader takes nothing until the sender is stuck: blocked and still not ready a
        // moment later (without flow control in the relay it never is, and sends everything).
        while (!sender.isDone()) {
            blocked.tryAcquire(10, TimeUnit.SECONDS);
            if (!sending.awaitReady(Duration.ofMillis(300))) {
                break;
            }
        }
        int sentWhileStalled = sent.get();
        long takenWhileStalled = tap.count(RelayDirection.SOURCE_TO_TARGET);
        // About 1 MiB of HTTP/2 window each way, one frame in the relay's hands and gRPC's small
        // send buffers: a few dozen of the 1000 frames (64 MiB).
        assertTrue(sentWhileStalled <= 100, "the sender got " + sentWhileStalled + " frames out");
        assertTrue(takenWhileStalled <= 100, "the relay took " + takenWhileStalled + " frames");

        for (int read = 0; read < frames; read++) {
            receiving.request(1);
            assertEquals(read, receiving.next().asReadOnlyByteBuffer().getInt(0), "frames arrive in order");
        }
        sender.get(10, TimeUnit.SECONDS);
        receiving.halfClose();
        assertEquals(Status.Code.OK, receiving.end().getCode());
        assertEquals((long) frames * frameSize, jobs.findById(id).orElseThrow().bytesRelayed());
    }

    @Test
    void aSecondStreamForAPairedSide_isRefused_andOneSideCancellingCancelsTheOther() throws Exception {
        UUID id = runningJob();
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        sending.send(bytes("paired"));
        assertEquals(bytes("paired"), receiving.next());

        assertEquals(Status.Code.ALREADY_EXISTS, RelayPeer.open(source.channel(), id, 1, false).end().getCode());
        assertEquals(Status.Code.ALREADY_EXISTS, RelayPeer.open(target.channel(), id, 1, false).end().getCode());

        sending.cancel();
        Status status = receiving.end();
        assertEquals(Status.Code.CANCELLED, status.getCode());
        assertEquals("the source agent's relay stream ended abruptly", status.getDescription());
    }

    @Test
    void onlyTheJobsAgents_forItsCurrentSessionOfARunningJob_mayOpenAStream() {
        UUID id = runningJob();
        ConnectedAgent stranger = enroll(tenant);
        ConnectedAgent foreign = enroll(store.tenant());

        assertEquals(Status.Code.PERMISSION_DENIED, RelayPeer.open(stranger.channel(), id, 1, false).end().getCode());
        assertEquals(Status.Code.NOT_FOUND, RelayPeer.open(foreign.channel(), id, 1, false).end().getCode());
        assertEquals(Status.Code.NOT_FOUND,
                RelayPeer.open(source.channel(), UUID.randomUUID(), 1, false).end().getCode());
        Status stale = RelayPeer.open(source.channel(), id, 2, false).end();
        assertEquals(Status.Code.FAILED_PRECONDITION, stale.getCode());
        assertEquals("session 2 is not the current session of job " + id, stale.getDescription());
        Status queued = RelayPeer.open(target.channel(), queuedJob(), 0, false).end();
        assertEquals(Status.Code.FAILED_PRECONDITION, queued.getCode());
        assertEquals(0, relay.pairedSessions());
    }

    @Test
    void aStreamMustStartWithOpen_andCarryOnlyPayloadsAfterwards() throws Exception {
        RelayPeer payloadFirst = RelayPeer.start(source.channel(), false);
        payloadFirst.send(bytes("no open"));
        assertEquals(Status.Code.INVALID_ARGUMENT, payloadFirst.end().getCode());

        RelayPeer badId = RelayPeer.start(source.channel(), false);
        badId.send(RelayFrame.newBuilder().setOpen(io.sealift.proto.v1.RelayOpen.newBuilder().setJobId("job-1"))
                .build());
        assertEquals(Status.Code.INVALID_ARGUMENT, badId.end().getCode());

        UUID id = runningJob();
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);
        sending.send(RelayFrame.newBuilder().setOpen(io.sealift.proto.v1.RelayOpen.newBuilder()
                .setJobId(id.toString()).setSession(1)).build());
        assertEquals(Status.Code.INVALID_ARGUMENT, sending.end().getCode());
        assertEquals(Status.Code.CANCELLED, receiving.end().getCode());
    }

    @Test
    void aStreamWhosePeerNeverComes_endsUnavailable_afterThePairTimeout() {
        UUID id = runningJob();

        Status status = RelayPeer.open(target.channel(), id, 1, false).end();

        assertEquals(Status.Code.UNAVAILABLE, status.getCode());
        assertTrue(status.getDescription().contains("within 2000 ms"), status::toString);
    }

    @Test
    void cancellingTheJob_endsBothStreamsOfItsSession() throws Exception {
        String operator = mintToken(tenant, "operator");
        UUID id = runningJob();
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);
        sending.send(bytes("paired"));
        assertEquals(bytes("paired"), receiving.next());

        Response cancelled = rest().post("api/v1/tenants/" + tenant + "/jobs/" + id + "/cancel", operator, null);

        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals(Status.Code.CANCELLED, sending.end().getCode());
        assertEquals(Status.Code.CANCELLED, receiving.end().getCode());
        assertEquals(0, relay.pairedSessions());
    }
}
