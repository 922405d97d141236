package io.sealift.control.grpc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpoint;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.agents.AgentRevokedEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.ca.AgentCertificate;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.ca.CertificationRequest;
import io.sealift.control.ca.Fingerprint;
import io.sealift.control.ca.InvalidCertificationRequestException;
import io.sealift.control.grpc.AgentGrpcServer;
import io.sealift.control.grpc.RecordingObserver;
import io.sealift.control.grpc.RecordingStreamListener;
import io.sealift.control.grpc.StoreFixtures;
import io.sealift.control.grpc.TestAgent;
import io.sealift.control.grpc.TestChannels;
import io.sealift.control.testing.TempDataDir;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.GetPeerKeysRequest;
import io.sealift.proto.v1.GetPeerKeysResponse;
import io.sealift.proto.v1.Heartbeat;
import io.sealift.proto.v1.Hello;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.RelayFrame;
import io.sealift.proto.v1.RelayGrpc;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentControlTest extends TempDataDir {
    @Inject AgentGrpcServer server;
    @Inject CertificateAuthority ca;
    @Inject StoreFixtures store;
    @Inject AgentRepository agents;
    @Inject AgentEndpointRepository endpoints;
    @Inject AgentConnections connections;
    @Inject AuditEventRepository audit;
    @Inject RecordingStreamListener listener;
    @Inject ApplicationEventPublisher<AgentRevokedEvent> revocations;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private UUID tenant;

    @BeforeAll
    void createTenant() {
        tenant = store.tenant();
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }

    private ManagedChannel track(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }

    /** Enrolls a fresh agent of {@code tenantId} and returns it with its id. */
    private Enrolled enroll(UUID tenantId) {
        TestAgent agent = TestAgent.generate();
        ManagedChannel anonymous = track(TestChannels.anonymous(server.port(), ca.certificate()));
        UUID id = UUID.fromString(agent.enroll(anonymous, store.token(tenantId).value(), ca.fingerprint()).getAgentId());
        return new Enrolled(id, agent, track(agent.channel(server.port(), ca.certificate())));
    }

    private record Enrolled(UUID id, TestAgent agent, ManagedChannel channel) {
    }

    private static AgentMessage hello(String... sources) {
        return AgentMessage.newBuilder().setHello(Hello.newBuilder().setVersion("1.2.3")
                .addAllSourceNames(List.of(sources)).addTargetNames("restore")).build();
    }

    private static AgentMessage heartbeat(long sequence) {
        return AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(sequence)).build();
    }

    private static final class Stream {
        final RecordingObserver<ControlMessage> received = new RecordingObserver<>();
        final StreamObserver<AgentMessage> send;

        Stream(ManagedChannel channel) {
            send = AgentControlGrpc.newStub(channel).connect(received);
        }
    }

    private Stream welcomed(Enrolled agent) {
        Stream stream = new Stream(agent.channel());
        stream.send.onNext(hello("home"));
        assertTrue(stream.received.next().hasWelcome());
        return stream;
    }

    @Test
    void hello_isAnsweredWithWelcome_namingTheAgentOfTheCertificate() {
        Enrolled agent = enroll(tenant);
        Stream stream = new Stream(agent.channel());

        stream.send.onNext(hello("home", "var-www"));
        ControlMessage welcome = stream.received.next();

        assertEquals(agent.id().toString(), welcome.getWelcome().getAgentId());
        assertEquals(5, welcome.getWelcome().getHeartbeatIntervalSeconds());
        Agent stored = agents.findById(agent.id()).orElseThrow();
        assertTrue(stored.connected());
        assertEquals("1.2.3", stored.version());
        assertNotNull(stored.lastSeen());
        assertEquals(List.of("source/home", "source/var-www", "target/restore"), endpointNames(agent.id()));
        assertTrue(connections.isConnected(agent.id()));
        assertTrue(audit.findByActionOrderBySeq("agent.connect").stream()
                .anyMatch(e -> ("agent:" + agent.id()).equals(e.actor())));
        stream.send.onCompleted();
        assertEquals(Status.Code.OK, stream.received.end().getCode());
    }

    private List<String> endpointNames(UUID agentId) {
        return endpoints.findByAgentId(agentId).stream()
                .map(AgentEndpoint::id).map(key -> key.kind() + "/" + key.name()).toList();
    }

    @Test
    void heartbeat_isAcknowledged_andUpdatesLastSeen() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);
        Instant before = agents.findById(agent.id()).orElseThrow().lastSeen();

        stream.send.onNext(heartbeat(41));
        ControlMessage ack = stream.received.next();

        assertEquals(41, ack.getHeartbeatAck().getSequence());
        assertFalse(agents.findById(agent.id()).orElseThrow().lastSeen().isBefore(before));
        stream.send.onCompleted();
    }

    @Test
    void streamEnd_marksTheAgentDisconnected_andIsAudited() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);

        stream.send.onCompleted();
        stream.received.end();
        listener.await("closed", agent.id());

        assertFalse(agents.findById(agent.id()).orElseThrow().connected());
        assertFalse(connections.isConnected(agent.id()));
        assertTrue(audit.findByActionOrderBySeq("agent.disconnect").stream()
                .anyMatch(e -> ("agent:" + agent.id()).equals(e.actor())));
    }

    @Test
    void clientCancel_marksTheAgentDisconnected() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);

        stream.send.onError(new RuntimeException("agent going away"));
        listener.await("closed", agent.id());

        assertFalse(agents.findById(agent.id()).orElseThrow().connected());
    }

    @Test
    void firstMessageOtherThanHello_isFailedPrecondition() {
        Enrolled agent = enroll(tenant);
        Stream stream = new Stream(agent.channel());

        stream.send.onNext(heartbeat(1));

        Status status = stream.received.end();
        assertEquals(Status.Code.FAILED_PRECONDITION, status.getCode());
        assertEquals("the first message on a control stream must be Hello", status.getDescription());
    }

    @Test
    void helloWithAPathAsEndpointName_isInvalidArgument_withoutEchoingIt() {
        Enrolled agent = enroll(tenant);
        Stream stream = new Stream(agent.channel());

        stream.send.onNext(hello("home", "/etc/secret-path"));

        Status status = stream.received.end();
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("source_names[1] must match [a-z0-9][a-z0-9._-]{0,62}", status.getDescription());
        assertEquals(List.of(), endpointNames(agent.id()));
    }

    @Test
    void helloWithDuplicateNames_isInvalidArgument() {
        Enrolled agent = enroll(tenant);
        Stream stream = new Stream(agent.channel());

        stream.send.onNext(hello("home", "home"));

        Status status = stream.received.end();
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("source_names[1] repeats an earlier name", status.getDescription());
    }

    @Test
    void helloLargerThanTheMessageLimit_isResourceExhausted() {
        Enrolled agent = enroll(tenant);
        Stream stream = new Stream(agent.channel());
        Hello.Builder huge = Hello.newBuilder();
        for (int i = 0; i < 120_000; i++) {
            huge.addSourceNames("endpoint-name-" + i + "-padding-padding-padding");
        }

        stream.send.onNext(AgentMessage.newBuilder().setHello(huge).build());

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, stream.received.end().getCode());
    }

    @Test
    void aNewStreamOfTheSameAgent_replacesTheOldOne() {
        Enrolled agent = enroll(tenant);
        Stream first = welcomed(agent);

        Stream second = welcomed(agent);

        Status firstEnd = first.received.end();
        assertEquals(Status.Code.CANCELLED, firstEnd.getCode());
        assertEquals("replaced by a newer control stream of this agent", firstEnd.getDescription());
        assertTrue(connections.isConnected(agent.id()));
        assertTrue(agents.findById(agent.id()).orElseThrow().connected(), "the replaced stream's end is no disconnect");
        second.send.onNext(heartbeat(7));
        assertEquals(7, second.received.next().getHeartbeatAck().getSequence());
        second.send.onCompleted();
    }

    @Test
    void connections_send_reachesTheAgent() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);
        ControlMessage cancel = ControlMessage.newBuilder()
                .setCancel(CancelJob.newBuilder().setJobId("job-1")).build();

        assertTrue(connections.send(agent.id(), cancel));

        assertEquals(cancel, stream.received.next());
        assertFalse(connections.send(UUID.randomUUID(), cancel), "no stream, nothing sent");
        stream.send.onCompleted();
    }

    @Test
    void jobMessages_goToTheListener() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);

        stream.send.onNext(AgentMessage.newBuilder().setProgress(JobProgress.newBuilder().setJobId("j")).build());
        listener.await("received", agent.id());
        stream.send.onCompleted();
    }

    @Test
    void connect_withoutClientCertificate_isUnauthenticated() {
        ManagedChannel anonymous = track(TestChannels.anonymous(server.port(), ca.certificate()));
        RecordingObserver<ControlMessage> received = new RecordingObserver<>();

        AgentControlGrpc.newStub(anonymous).connect(received).onNext(hello("home"));

        Status status = received.end();
        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals("a client certificate issued by this control plane is required", status.getDescription());
    }

    @Test
    void connect_ofARevokedAgent_isPermissionDenied() {
        Enrolled agent = enroll(tenant);
        agents.revoke(agent.id(), Instant.now());
        Stream stream = new Stream(agent.channel());

        stream.send.onNext(hello("home"));

        Status status = stream.received.end();
        assertEquals(Status.Code.PERMISSION_DENIED, status.getCode());
        assertEquals("agent " + agent.id() + " is revoked", status.getDescription());
    }

    @Test
    void connect_withACertificateOfOurCaForAnUnknownAgent_isPermissionDenied() {
        TestAgent stranger = TestAgent.generate();
        UUID strangerId = UUID.randomUUID();
        AgentCertificate certificate = ca.issueAgentCertificate(strangerId, tenant, csrOf(stranger));
        ManagedChannel channel = track(TestChannels.mutual(server.port(), ca.certificate(),
                stranger.tlsKeys().getPrivate(), List.of(certificate.certificate())));
        Stream stream = new Stream(channel);

        stream.send.onNext(hello("home"));

        Status status = stream.received.end();
        assertEquals(Status.Code.PERMISSION_DENIED, status.getCode());
        assertEquals("agent " + strangerId + " is not enrolled", status.getDescription());
    }

    @Test
    void connect_withAnotherCertificateForAnEnrolledAgent_isPermissionDenied() {
        Enrolled agent = enroll(tenant);
        AgentCertificate second = ca.issueAgentCertificate(agent.id(), tenant, csrOf(agent.agent()));
        ManagedChannel channel = track(TestChannels.mutual(server.port(), ca.certificate(),
                agent.agent().tlsKeys().getPrivate(), List.of(second.certificate())));
        Stream stream = new Stream(channel);

        stream.send.onNext(hello("home"));

        Status status = stream.received.end();
        assertEquals(Status.Code.PERMISSION_DENIED, status.getCode());
        assertEquals("the certificate of agent " + agent.id() + " is no longer valid", status.getDescription());
    }

    private static CertificationRequest csrOf(TestAgent agent) {
        try {
            return CertificationRequest.parse(TestAgent.csr(agent.tlsKeys()));
        } catch (InvalidCertificationRequestException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void connections_disconnect_closesTheStreamWithTheGivenStatus() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);

        assertTrue(connections.disconnect(agent.id(), Status.UNAVAILABLE.withDescription("going away")));

        Status status = stream.received.end();
        assertEquals(Status.Code.UNAVAILABLE, status.getCode());
        assertEquals("going away", status.getDescription());
        listener.await("closed", agent.id());
        assertFalse(connections.isConnected(agent.id()));
    }

    @Test
    void liveStream_isClosedWhenTheAgentIsRevoked() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);

        agents.revoke(agent.id(), Instant.now());
        revocations.publishEvent(new AgentRevokedEvent(agent.id()));

        Status status = stream.received.end();
        assertEquals(Status.Code.PERMISSION_DENIED, status.getCode());
        assertEquals("agent " + agent.id() + " is revoked", status.getDescription());
    }

    @Test
    void heartbeatOfAnAgentRevokedElsewhere_closesTheStream() {
        Enrolled agent = enroll(tenant);
        Stream stream = welcomed(agent);

        agents.revoke(agent.id(), Instant.now());
        stream.send.onNext(heartbeat(1));

        assertEquals(Status.Code.PERMISSION_DENIED, stream.received.end().getCode());
    }

    @Test
    void getPeerKeys_returnsTheSignedBundleOfAnAgentInTheSameTenant() throws Exception {
        Enrolled caller = enroll(tenant);
        Enrolled peer = enroll(tenant);

        GetPeerKeysResponse response = AgentControlGrpc.newBlockingStub(caller.channel())
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getPeerKeys(GetPeerKeysRequest.newBuilder().setAgentId(peer.id().toString()).build());

        assertEquals(peer.id().toString(), response.getAgentId());
        AgentKeyBundle bundle = AgentKeyBundle.parseFrom(response.getKeyBundle().getBundle());
        assertEquals(peer.agent().fingerprint(),
                Fingerprint.of(bundle.getIdentityPublicKey().toByteArray()));
        assertEquals(64, response.getKeyBundle().getSignature().size());
    }

    @Test
    void getPeerKeys_ofAnotherTenantOrUnknownAgent_isNotFound() {
        Enrolled caller = enroll(tenant);
        Enrolled stranger = enroll(store.tenant());
        AgentControlGrpc.AgentControlBlockingStub stub = AgentControlGrpc.newBlockingStub(caller.channel())
                .withDeadlineAfter(10, TimeUnit.SECONDS);

        for (UUID id : List.of(stranger.id(), UUID.randomUUID())) {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                    () -> stub.getPeerKeys(GetPeerKeysRequest.newBuilder().setAgentId(id.toString()).build()));
            assertEquals(Status.Code.NOT_FOUND, error.getStatus().getCode());
            assertEquals("agent " + id + " not found", error.getStatus().getDescription());
        }
    }

    @Test
    void relay_requiresACertificate_andAnOpenFrameFirst() {
        Enrolled agent = enroll(tenant);
        RecordingObserver<RelayFrame> received = new RecordingObserver<>();
        RelayGrpc.newStub(agent.channel()).transfer(received).onNext(RelayFrame.getDefaultInstance());
        assertEquals(Status.Code.INVALID_ARGUMENT, received.end().getCode());

        RecordingObserver<RelayFrame> anonymous = new RecordingObserver<>();
        RelayGrpc.newStub(track(TestChannels.anonymous(server.port(), ca.certificate()))).transfer(anonymous)
                .onNext(RelayFrame.getDefaultInstance());
        assertEquals(Status.Code.UNAUTHENTICATED, anonymous.end().getCode());
    }
}
