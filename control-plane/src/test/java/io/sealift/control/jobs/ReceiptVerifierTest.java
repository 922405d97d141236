package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.sealift.control.agents.Agent;
import io.sealift.control.grpc.TestAgent;
import io.sealift.proto.v1.Receipt;
import io.sealift.proto.v1.SignedKeyBundle;
import io.sealift.proto.v1.TransferRole;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {
    private final TestAgent keys = TestAgent.generate();
    private final Agent agent = agent(keys);
    private final Job job = Job.queued(UUID.randomUUID(), agent.tenantId(), UUID.randomUUID(), "home", agent.id(),
            "landing", Instant.now(), null).toBuilder().build();

    private static Agent agent(TestAgent keys) {
        SignedKeyBundle bundle = keys.sign(keys.bundle("sha256:ca").build());
        Instant now = Instant.now();
        return new Agent(UUID.randomUUID(), UUID.randomUUID(), "a", keys.fingerprint(),
                bundle.getBundle().toByteArray(), bundle.getSignature().toByteArray(), "01", now, "1", now, true, now,
                null);
    }

    private Receipt.Builder receipt() {
        return Receipt.newBuilder().setPurpose("sealift.v1.Receipt").setJobId(job.id().toString())
                .setSession(job.session()).setAgentId(agent.id().toString()).setRole(TransferRole.TRANSFER_ROLE_TARGET)
                .setFiles(3).setBytes(42).setCiphertextRoot(ByteString.copyFrom(new byte[32]));
    }

    private boolean verify(Receipt receipt) {
        byte[] bytes = receipt.toByteArray();
        return ReceiptVerifier.verify(bytes, keys.signature(bytes), agent, job, JobRole.TARGET);
    }

    @Test
    void aReceiptSignedByTheAgentsIdentityKey_forThisSession_verifies() {
        assertTrue(verify(receipt().build()));
    }

    @Test
    void aReceiptForAnotherJobSessionAgentRoleOrPurpose_doesNotVerify() {
        assertFalse(verify(receipt().setJobId(UUID.randomUUID().toString()).build()));
        assertFalse(verify(receipt().setSession(job.session() + 1).build()));
        assertFalse(verify(receipt().setAgentId(UUID.randomUUID().toString()).build()));
        assertFalse(verify(receipt().setRole(TransferRole.TRANSFER_ROLE_SOURCE).build()));
        assertFalse(verify(receipt().setPurpose("sealift.v1.TransferTrailer").build()));
    }

    @Test
    void aSignatureByAnotherKey_orOverOtherBytes_doesNotVerify() {
        byte[] bytes = receipt().build().toByteArray();
        byte[] foreign = TestAgent.generate().signature(bytes);
        assertFalse(ReceiptVerifier.verify(bytes, foreign, agent, job, JobRole.TARGET));

        byte[] signature = keys.signature(bytes);
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 1] ^= 1;
        assertFalse(ReceiptVerifier.verify(flipped, signature, agent, job, JobRole.TARGET));
        assertFalse(ReceiptVerifier.verify(bytes, new byte[12], agent, job, JobRole.TARGET));
        assertFalse(ReceiptVerifier.verify(new byte[] {(byte) 0xff}, signature, agent, job, JobRole.TARGET));
    }
}
