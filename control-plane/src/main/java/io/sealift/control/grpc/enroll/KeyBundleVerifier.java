package io.sealift.control.grpc.enroll;

import com.google.crypto.tink.subtle.Ed25519Verify;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.SignedKeyBundle;
import java.security.GeneralSecurityException;

/**
 * Checks an enrolling agent's signed key bundle: well-formed, self-signed by the identity key it
 * carries (proof of possession), and bound to this control plane's CA. Stateless and thread-safe.
 */
final class KeyBundleVerifier {
    /** The fixed {@code purpose} of every bundle. */
    static final String PURPOSE = "sealift.v1.AgentKeyBundle";

    private KeyBundleVerifier() {
    }

    /**
     * Returns the parsed bundle once every check holds.
     *
     * @throws EnrollmentRefusal INVALID_ARGUMENT naming the first field that fails
     */
    static AgentKeyBundle verify(SignedKeyBundle signed, String caFingerprint) throws EnrollmentRefusal {
        byte[] bundleBytes = signed.getBundle().toByteArray();
        requireLength("key_bundle.signature", signed.getSignature(), Ed25519Verify.SIGNATURE_LEN);
        AgentKeyBundle bundle = parse(bundleBytes);
        if (!PURPOSE.equals(bundle.getPurpose())) {
            throw EnrollmentRefusal.invalid("key_bundle.bundle.purpose", "must be \"" + PURPOSE + "\"");
        }
        requireLength("key_bundle.bundle.identity_public_key", bundle.getIdentityPublicKey(),
                Ed25519Verify.PUBLIC_KEY_LEN);
        requireLength("key_bundle.bundle.hpke_public_key", bundle.getHpkePublicKey(), 32);
        try {
            new Ed25519Verify(bundle.getIdentityPublicKey().toByteArray())
                    .verify(signed.getSignature().toByteArray(), bundleBytes);
        } catch (GeneralSecurityException e) {
            throw EnrollmentRefusal.invalid("key_bundle.signature",
                    "does not verify with key_bundle.bundle.identity_public_key");
        }
        if (!caFingerprint.equals(bundle.getCaFingerprint())) {
            throw EnrollmentRefusal.invalid("key_bundle.bundle.ca_fingerprint",
                    "must be this control plane's CA fingerprint " + caFingerprint);
        }
        if (bundle.getTlsPublicKey().isEmpty()) {
            throw EnrollmentRefusal.invalid("key_bundle.bundle.tls_public_key", "is required");
        }
        return bundle;
    }

    private static AgentKeyBundle parse(byte[] bundleBytes) throws EnrollmentRefusal {
        try {
            return AgentKeyBundle.parseFrom(bundleBytes);
        } catch (InvalidProtocolBufferException e) {
            throw EnrollmentRefusal.invalid("key_bundle.bundle", "is not a serialized sealift.v1.AgentKeyBundle");
        }
    }

    private static void requireLength(String field, ByteString value, int length) throws EnrollmentRefusal {
        if (value.size() != length) {
            throw EnrollmentRefusal.invalid(field, "must be " + length + " bytes, not " + value.size());
        }
    }
}
