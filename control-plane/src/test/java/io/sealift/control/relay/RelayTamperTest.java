package io.sealift.control.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.sealift.control.testing.TamperingRelayTap;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay forwards what its {@link RelayTap} hands back, here the test hook
 * {@link TamperingRelayTap}: the peer receives the payload with the planned bit flipped, every
 * other payload untouched, the byte count is of what was forwarded, the recorder underneath
 * records the damaged payload, and the tamper log says exactly what was changed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayTamperTest extends ApiTestBase {
    private static final Path PLAN = tempFile("plan");
    private static final Path LOG = tempFile("log");

    @Inject AgentGrpcServer grpc;
    @Inject CertificateAuthority ca;
    @Inject StoreFixtures store;
    @Inject JobRepository jobs;
    @Inject RecordingRelayTap tap;

    private final List<ConnectedAgent> opened = new ArrayList<>();
    private UUID tenant;
    private ConnectedAgent source;
    private ConnectedAgent target;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(TamperingRelayTap.PLAN_PROPERTY, PLAN.toString(), TamperingRelayTap.LOG_PROPERTY,
                LOG.toString(), "sealift.jobs.sweep-interval", "1h");
    }

    @BeforeAll
    void createTenant() {
        tenant = createTenant("tamper");
    }

    @BeforeEach
    void enrollAgents() throws IOException {
        source = ConnectedAgent.enroll(grpc, ca, store, tenant);
        target = ConnectedAgent.enroll(grpc, ca, store, tenant);
        opened.add(source);
        opened.add(target);
        tap.clear();
        Files.deleteIfExists(LOG);
    }

    @AfterEach
    void closeAgents() {
        opened.forEach(ConnectedAgent::close);
        opened.clear();
    }

    @Test
    void theTapIsTheRecordersReplacement() {
        assertEquals(TamperingRelayTap.class, tap.getClass());
    }

    @Test
    void theChosenSourcePayload_reachesTheTargetWithItsBitFlipped_andNothingElseChanges() throws Exception {
        plan("SOURCE_TO_TARGET 1 0.5 3");
        UUID id = runningJob();
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);

        sending.send(bytes("header"));
        sending.send(bytes("frame-0123"));
        sending.send(bytes("trailer"));
        sending.halfClose();
        receiving.send(bytes("completed"));
        receiving.halfClose();

        assertEquals(bytes("header"), receiving.next());
        // Byte 5 ('-', 0x2d) with bit 3 flipped is 0x25, '%'.
        assertEquals(bytes("frame%0123"), receiving.next());
        assertEquals(bytes("trailer"), receiving.next());
        assertEquals(bytes("completed"), sending.next());
        assertEquals(Status.Code.OK, receiving.end().getCode());
        assertEquals(Status.Code.OK, sending.end().getCode());
        assertEquals(List.of(bytes("header"), bytes("frame%0123"), bytes("trailer")), tap.frames().stream()
                .filter(frame -> frame.direction() == RelayDirection.SOURCE_TO_TARGET)
                .map(RecordingRelayTap.Frame::payload).toList(), "the recorder records what was forwarded");
        assertEquals(List.of("flipped job=" + id + " session=1 direction=SOURCE_TO_TARGET payload=1 size=10"
                + " offset=5 bit=3 before=2d after=25"), log());
        assertEquals(23, jobs.findById(id).orElseThrow().bytesRelayed());
    }

    @Test
    void aTargetPayload_canBeChosen_andOnlyItIsChanged() throws Exception {
        plan("TARGET_TO_SOURCE 0 2 7");
        UUID id = runningJob();
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);

        sending.send(bytes("header"));
        assertEquals(bytes("header"), receiving.next());
        receiving.send(bytes("accepted"));
        receiving.send(bytes("accepted"));

        assertEquals(ByteString.copyFrom(new byte[] {'a', 'c', (byte) ('c' | 0x80), 'e', 'p', 't', 'e', 'd'}),
                sending.next());
        assertEquals(bytes("accepted"), sending.next(), "one payload per job is damaged, no more");
        assertEquals(List.of("flipped job=" + id + " session=1 direction=TARGET_TO_SOURCE payload=0 size=8"
                + " offset=2 bit=7 before=63 after=e3"), log());
        sending.cancel();
        assertEquals(Status.Code.CANCELLED, receiving.end().getCode());
    }

    @Test
    void anOffsetBeyondThePayload_changesNothing_andIsLoggedAsMissed() throws Exception {
        plan("SOURCE_TO_TARGET 0 100 0");
        UUID id = runningJob();
        RelayPeer sending = RelayPeer.open(source.channel(), id, 1, false);
        RelayPeer receiving = RelayPeer.open(target.channel(), id, 1, false);

        sending.send(bytes("header"));

        assertEquals(bytes("header"), receiving.next());
        assertEquals(List.of("missed job=" + id + " session=1 direction=SOURCE_TO_TARGET payload=0 size=6"
                + " offset=100 bit=0"), log());
        sending.cancel();
        assertEquals(Status.Code.CANCELLED, receiving.end().getCode());
    }

    private UUID runningJob() {
        Job job = Job.queued(UUID.randomUUID(), tenant, source.id(), "hr-share", target.id(), "landing",
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        UUID id = jobs.save(job).id();
        assertEquals(1, jobs.assign(id, Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID()));
        return id;
    }

    /** Appends the next job's line to the plan, as a test does just before it creates that job. */
    private static void plan(String line) throws IOException {
        Files.writeString(PLAN, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<String> log() throws IOException {
        return Files.exists(LOG) ? Files.readAllLines(LOG, StandardCharsets.UTF_8) : List.of();
    }

    private static ByteString bytes(String text) {
        return ByteString.copyFromUtf8(text);
    }

    private static Path tempFile(String name) {
        try {
            Path file = Files.createTempFile("sealift-relay-tamper-", "." + name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
