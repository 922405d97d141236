package io.sealift.control.grpc.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.sealift.control.grpc.TestAgent;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.SignedKeyBundle;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyBundleVerifierTest {
    private static final String CA = "sha256:" + "ab".repeat(32);

    private final TestAgent agent = TestAgent.generate();
    private final SignedKeyBundle signed = agent.sign(agent.bundle(CA).build());

    @Test
    void correctlySignedBundle_isAccepted() throws Exception {
        AgentKeyBundle bundle = KeyBundleVerifier.verify(signed, CA);

        assertEquals(CA, bundle.getCaFingerprint());
    }

    @Test
    void everySingleBitFlipInBundleOrSignature_isRefused() {
        byte[] bundle = signed.getBundle().toByteArray();
        byte[] signature = signed.getSignature().toByteArray();
        for (int i = 0; i < bundle.length; i++) {
            byte[] tampered = Arrays.copyOf(bundle, bundle.length);
            tampered[i] ^= 0x01;
            assertRefused(signed.toBuilder().setBundle(ByteString.copyFrom(tampered)).build());
        }
        for (int i = 0; i < signature.length; i++) {
            byte[] tampered = Arrays.copyOf(signature, signature.length);
            tampered[i] ^= 0x01;
            assertRefused(signed.toBuilder().setSignature(ByteString.copyFrom(tampered)).build());
        }
    }

    @Test
    void truncatedOrExtendedBundle_isRefused() {
        ByteString bundle = signed.getBundle();
        assertRefused(signed.toBuilder().setBundle(bundle.substring(0, bundle.size() - 1)).build());
        assertRefused(signed.toBuilder().setBundle(bundle.concat(ByteString.copyFrom(new byte[] {0}))).build());
    }

    @Test
    void bundleSignedByAnotherIdentity_isRefused() {
        TestAgent other = TestAgent.generate();
        SignedKeyBundle swapped = signed.toBuilder()
                .setSignature(ByteString.copyFrom(other.signature(signed.getBundle().toByteArray()))).build();

        EnrollmentRefusal refusal = assertThrows(EnrollmentRefusal.class, () -> KeyBundleVerifier.verify(swapped, CA));
        assertEquals("key_bundle.signature does not verify with key_bundle.bundle.identity_public_key",
                refusal.toStatusException().getStatus().getDescription());
    }

    @Test
    void wrongLengths_areNamed() {
        SignedKeyBundle shortSignature = signed.toBuilder().setSignature(signed.getSignature().substring(1)).build();
        assertDescription("key_bundle.signature must be 64 bytes, not 63", shortSignature);
        AgentKeyBundle longIdentity = agent.bundle(CA).setIdentityPublicKey(ByteString.copyFrom(new byte[33])).build();
        assertDescription("key_bundle.bundle.identity_public_key must be 32 bytes, not 33", agent.sign(longIdentity));
        AgentKeyBundle noTls = agent.bundle(CA).clearTlsPublicKey().build();
        assertDescription("key_bundle.bundle.tls_public_key is required", agent.sign(noTls));
    }

    private static void assertRefused(SignedKeyBundle bundle) {
        EnrollmentRefusal refusal = assertThrows(EnrollmentRefusal.class, () -> KeyBundleVerifier.verify(bundle, CA));
        assertEquals(Status.Code.INVALID_ARGUMENT, refusal.toStatusException().getStatus().getCode());
    }

    private static void assertDescription(String description, SignedKeyBundle bundle) {
        EnrollmentRefusal refusal = assertThrows(EnrollmentRefusal.class, () -> KeyBundleVerifier.verify(bundle, CA));
        assertEquals(description, refusal.toStatusException().getStatus().getDescription());
    }
}
