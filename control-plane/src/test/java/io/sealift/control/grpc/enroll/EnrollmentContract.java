package io.sealift.control.grpc.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.ca.AgentCertificate;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.enrollment.EnrollmentTokenRepository;
import io.sealift.control.grpc.AgentGrpcServer;
import io.sealift.control.grpc.StoreFixtures.IssuedToken;
import io.sealift.control.grpc.StoreFixtures;
import io.sealift.control.grpc.TestAgent;
import io.sealift.control.grpc.TestChannels;
import io.sealift.control.testing.TempDataDir;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.EnrollRequest;
import io.sealift.proto.v1.EnrollResponse;
import io.sealift.proto.v1.EnrollmentGrpc;
import io.sealift.proto.v1.SignedKeyBundle;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enrollment over real gRPC with TLS against the running application; run on H2 and on
 * PostgreSQL, whose locking differs for racing enrollments and duplicate keys.
 */
abstract class EnrollmentContract extends TempDataDir {
    @Inject AgentGrpcServer server;
    @Inject CertificateAuthority ca;
    @Inject StoreFixtures store;
    @Inject AgentRepository agents;
    @Inject EnrollmentTokenRepository tokens;
    @Inject AuditEventRepository audit;

    private ManagedChannel channel;
    private UUID tenant;

    @BeforeAll
    void openChannel() {
        channel = TestChannels.anonymous(server.port(), ca.certificate());
        tenant = store.tenant();
    }

    @AfterAll
    void closeChannel() {
        channel.shutdownNow();
    }

    private EnrollmentGrpc.EnrollmentBlockingStub stub() {
        return EnrollmentGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private Status refusal(EnrollRequest request) {
        return assertThrows(StatusRuntimeException.class, () -> stub().enroll(request)).getStatus();
    }

    private long agentCount() {
        return agents.count();
    }

    @Test
    void enroll_withValidToken_storesAgentAndIssuesCertificateChainedToCa() throws Exception {
        IssuedToken token = store.token(tenant);
        TestAgent agent = TestAgent.generate();

        EnrollResponse response = agent.enroll(channel, token.value(), ca.fingerprint());

        UUID agentId = UUID.fromString(response.getAgentId());
        assertEquals(tenant.toString(), response.getTenantId());
        assertEquals(agent.fingerprint(), response.getFingerprint());
        assertEquals(2, response.getCertificateChainCount());
        X509Certificate leaf = agent.chain().get(0);
        leaf.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate(), agent.chain().get(1));
        assertEquals(agentId, AgentCertificate.agentIdOf(leaf).orElseThrow());
        assertEquals("CN=" + agentId + ",O=" + tenant, leaf.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertEquals(agent.tlsKeys().getPublic(), leaf.getPublicKey());

        Agent stored = agents.findById(agentId).orElseThrow();
        assertEquals(tenant, stored.tenantId());
        assertEquals("test-agent", stored.name());
        assertEquals(agent.fingerprint(), stored.fingerprint());
        assertEquals(leaf.getSerialNumber().toString(16), stored.certSerial());
        assertEquals(leaf.getNotAfter().toInstant(), stored.certNotAfter());
        assertFalse(stored.connected());
        assertEquals(agentId, tokens.findById(token.id()).orElseThrow().usedBy());
        assertTrue(leaf.getSerialNumber().bitLength() > 64, "serial is random 128 bits");
    }

    @Test
    void enroll_withReusedToken_isRejected() {
        IssuedToken token = store.token(tenant);
        TestAgent.generate().enroll(channel, token.value(), ca.fingerprint());
        long before = agentCount();

        Status status = refusal(TestAgent.generate().enrollRequest(token.value(), ca.fingerprint()).build());

        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals("enrollment token was already used", status.getDescription());
        assertEquals(before, agentCount());
    }

    @Test
    void enroll_withExpiredToken_isRejected() {
        IssuedToken token = store.token(tenant, Instant.now().minus(Duration.ofMinutes(1)), null, null);
        assertTokenRefused(token, "enrollment token has expired");
    }

    @Test
    void enroll_withRevokedToken_isRejected() {
        IssuedToken token = store.token(tenant, Instant.now().plus(Duration.ofHours(1)), Instant.now(), null);
        assertTokenRefused(token, "enrollment token was revoked");
    }

    @Test
    void enroll_withUnknownToken_isRejected() {
        long before = agentCount();
        Status status = refusal(TestAgent.generate().enrollRequest("sle_unknown", ca.fingerprint()).build());

        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals("enrollment token is unknown", status.getDescription());
        assertEquals(before, agentCount());
    }

    private void assertTokenRefused(IssuedToken token, String description) {
        long before = agentCount();
        Status status = refusal(TestAgent.generate().enrollRequest(token.value(), ca.fingerprint()).build());

        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals(description, status.getDescription());
        assertEquals(before, agentCount());
        assertEquals(null, tokens.findById(token.id()).orElseThrow().usedBy(), "token left as it was");
    }

    @Test
    void enroll_withBadBundleSignature_isInvalidArgument_andLeavesTokenUnused() {
        IssuedToken token = store.token(tenant);
        TestAgent agent = TestAgent.generate();
        SignedKeyBundle signed = agent.sign(agent.bundle(ca.fingerprint()).build());
        byte[] signature = signed.getSignature().toByteArray();
        signature[5] ^= 1;
        EnrollRequest request = agent.enrollRequest(token.value(), ca.fingerprint())
                .setKeyBundle(signed.toBuilder().setSignature(ByteString.copyFrom(signature)))
                .build();

        Status status = refusal(request);

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("key_bundle.signature does not verify with key_bundle.bundle.identity_public_key",
                status.getDescription());
        assertEquals(null, tokens.findById(token.id()).orElseThrow().usedAt());
    }

    @Test
    void enroll_withCsrForAnotherKey_isInvalidArgument() {
        IssuedToken token = store.token(tenant);
        TestAgent agent = TestAgent.generate();
        EnrollRequest request = agent.enrollRequest(token.value(), ca.fingerprint())
                .setCsr(ByteString.copyFrom(TestAgent.csr(TestAgent.ecKeyPair("secp256r1"))))
                .build();

        Status status = refusal(request);

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("csr public key must equal key_bundle.bundle.tls_public_key", status.getDescription());
    }

    @Test
    void enroll_withBundleForAnotherCa_isInvalidArgument() {
        IssuedToken token = store.token(tenant);
        TestAgent agent = TestAgent.generate();
        String otherCa = "sha256:" + "0".repeat(64);
        EnrollRequest request = agent.enrollRequest(token.value(), otherCa).build();

        Status status = refusal(request);

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("key_bundle.bundle.ca_fingerprint must be this control plane's CA fingerprint "
                + ca.fingerprint(), status.getDescription());
    }

    @Test
    void enroll_withMalformedFields_namesTheField() {
        IssuedToken token = store.token(tenant);
        TestAgent agent = TestAgent.generate();
        EnrollRequest valid = agent.enrollRequest(token.value(), ca.fingerprint()).build();

        assertInvalid(valid.toBuilder().setToken("").build(), "token must be 1-200 characters");
        assertInvalid(valid.toBuilder().setName("no spaces").build(), "name must be 1-64 characters of [A-Za-z0-9._-]");
        assertInvalid(valid.toBuilder().setName("x".repeat(65)).build(), "name must be 1-64 characters of [A-Za-z0-9._-]");
        assertInvalid(valid.toBuilder().clearKeyBundle().build(), "key_bundle is required");
        assertInvalid(valid.toBuilder().setCsr(ByteString.copyFromUtf8("junk")).build(),
                "csr must be a DER PKCS#10 certification request");
        assertInvalid(valid.toBuilder().setCsr(ByteString.copyFrom(TestAgent.csr(TestAgent.ecKeyPair("secp384r1"))))
                .build(), "csr public key must be EC P-256 (secp256r1)");
        AgentKeyBundle wrongPurpose = agent.bundle(ca.fingerprint()).setPurpose("sealift.v1.Receipt").build();
        assertInvalid(valid.toBuilder().setKeyBundle(agent.sign(wrongPurpose)).build(),
                "key_bundle.bundle.purpose must be \"sealift.v1.AgentKeyBundle\"");
        AgentKeyBundle shortHpke = agent.bundle(ca.fingerprint()).setHpkePublicKey(ByteString.copyFrom(new byte[31]))
                .build();
        assertInvalid(valid.toBuilder().setKeyBundle(agent.sign(shortHpke)).build(),
                "key_bundle.bundle.hpke_public_key must be 32 bytes, not 31");
        assertEquals(null, tokens.findById(token.id()).orElseThrow().usedAt());
    }

    private void assertInvalid(EnrollRequest request, String description) {
        Status status = refusal(request);
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), description);
        assertEquals(description, status.getDescription());
    }

    @Test
    void enroll_withAnIdentityKeyAlreadyEnrolled_isAlreadyExists_andLeavesTheSecondTokenUnused() {
        TestAgent agent = TestAgent.generate();
        agent.enroll(channel, store.token(tenant).value(), ca.fingerprint());
        IssuedToken second = store.token(tenant);

        Status status = refusal(agent.enrollRequest(second.value(), ca.fingerprint()).build());

        assertEquals(Status.Code.ALREADY_EXISTS, status.getCode());
        assertEquals("an agent with identity key " + agent.fingerprint() + " is already enrolled",
                status.getDescription());
        assertEquals(null, tokens.findById(second.id()).orElseThrow().usedAt(), "rolled back");
    }

    @Test
    void enroll_twiceConcurrentlyWithOneToken_succeedsExactlyOnce() throws Exception {
        IssuedToken token = store.token(tenant);
        int racers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<Status>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                EnrollRequest request = TestAgent.generate().enrollRequest(token.value(), ca.fingerprint()).build();
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        stub().enroll(request);
                        return Status.OK;
                    } catch (StatusRuntimeException e) {
                        return e.getStatus();
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Status> outcome : outcomes) {
                Status status = outcome.get(20, TimeUnit.SECONDS);
                if (status.isOk()) {
                    succeeded++;
                } else {
                    assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
                    assertEquals("enrollment token was already used", status.getDescription());
                }
            }
            assertEquals(1, succeeded);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void enroll_isAudited_withoutTheTokenOrItsHash() {
        IssuedToken used = store.token(tenant);
        EnrollResponse response = TestAgent.generate().enroll(channel, used.value(), ca.fingerprint());
        refusal(TestAgent.generate().enrollRequest(used.value(), ca.fingerprint()).build());
        refusal(TestAgent.generate().enrollRequest("sle_nobody-knows-this", ca.fingerprint()).build());

        List<AuditEvent> events = audit.findByActionOrderBySeq("agent.enroll");
        AuditEvent success = events.stream()
                .filter(e -> ("agent:" + response.getAgentId()).equals(e.target())).findFirst().orElseThrow();
        assertEquals("success", success.outcome());
        assertEquals("enrollment-token:" + used.id(), success.actor());
        assertEquals(tenant, success.tenantId());
        assertTrue(events.stream().anyMatch(e -> "denied".equals(e.outcome())
                && ("enrollment-token:" + used.id()).equals(e.actor())
                && e.details().contains("token_used")));
        assertTrue(events.stream().anyMatch(e -> "denied".equals(e.outcome()) && "anonymous".equals(e.actor())
                && e.details().contains("token_unknown")));
        for (AuditEvent event : audit.findAll()) {
            String row = event.toString();
            assertFalse(row.contains(used.value()), "token in audit row " + row);
            assertFalse(row.contains(used.secret().hash()), "token hash in audit row " + row);
            assertFalse(row.contains("sle_nobody-knows-this"), "unknown token in audit row " + row);
        }
    }

    @Test
    void enroll_withHugeToken_isResourceExhausted() {
        EnrollRequest request = TestAgent.generate().enrollRequest("x".repeat(5 * 1024 * 1024), ca.fingerprint())
                .build();

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refusal(request).getCode());
    }
}
