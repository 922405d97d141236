package io.sealift.control.grpc.enroll;

import io.sealift.control.ca.CertificationRequest;
import io.sealift.control.ca.Fingerprint;
import io.sealift.control.ca.InvalidCertificationRequestException;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.proto.v1.AgentKeyBundle;
import io.sealift.proto.v1.EnrollRequest;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Validates every field of an {@link EnrollRequest} before the token is judged. Thread-safe.
 *
 * <p>Descriptions name the field and the rule but never echo what the agent sent: the token is
 * a secret, and other fields could carry anything.
 */
final class EnrollRequestValidator {
    /** The longest token accepted; real ones are 47 characters. */
    static final int MAX_TOKEN_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("[\\x20-\\x7E]{0,64}");

    private final String caFingerprint;

    /** Creates a validator that requires bundles bound to the CA with {@code caFingerprint}. */
    EnrollRequestValidator(String caFingerprint) {
        this.caFingerprint = caFingerprint;
    }

    /** Returns whether {@code token} has an acceptable length, so it is worth looking up. */
    static boolean plausibleToken(String token) {
        return !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
    }

    /**
     * Returns the validated request.
     *
     * @throws EnrollmentRefusal INVALID_ARGUMENT naming the first field that fails
     */
    ValidEnrollRequest validate(EnrollRequest request) throws EnrollmentRefusal {
        if (!plausibleToken(request.getToken())) {
            throw EnrollmentRefusal.invalid("token", "must be 1-" + MAX_TOKEN_LENGTH + " characters");
        }
        if (!NAME.matcher(request.getName()).matches()) {
            throw EnrollmentRefusal.invalid("name", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        if (!VERSION.matcher(request.getVersion()).matches()) {
            throw EnrollmentRefusal.invalid("version", "must be at most 64 printable ASCII characters");
        }
        if (!request.hasKeyBundle()) {
            throw EnrollmentRefusal.invalid("key_bundle", "is required");
        }
        AgentKeyBundle bundle = KeyBundleVerifier.verify(request.getKeyBundle(), caFingerprint);
        CertificationRequest csr = parseCsr(request.getCsr().toByteArray());
        if (!Arrays.equals(csr.subjectPublicKeyInfo(), bundle.getTlsPublicKey().toByteArray())) {
            throw EnrollmentRefusal.invalid("csr", "public key must equal key_bundle.bundle.tls_public_key");
        }
        return new ValidEnrollRequest(IssuedSecret.presented(request.getToken()), request.getName(),
                request.getVersion().isEmpty() ? null : request.getVersion(), request.getKeyBundle(),
                Fingerprint.of(bundle.getIdentityPublicKey().toByteArray()), csr);
    }

    private static CertificationRequest parseCsr(byte[] der) throws EnrollmentRefusal {
        if (der.length == 0) {
            throw EnrollmentRefusal.invalid("csr", "is required");
        }
        try {
            return CertificationRequest.parse(der);
        } catch (InvalidCertificationRequestException e) {
            throw EnrollmentRefusal.invalid("csr", e.rule());
        }
    }
}
