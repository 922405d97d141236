package io.sealift.control.grpc.enroll;

import io.micronaut.core.annotation.Nullable;
import io.sealift.control.ca.CertificationRequest;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.proto.v1.SignedKeyBundle;

/**
 * An enrollment request whose every field passed validation.
 *
 * @param token the presented token (a secret: only its hash is ever looked at)
 * @param name the agent's display name
 * @param version the agent's software version, or {@code null} if it sent none
 * @param keyBundle the signed key bundle, exactly as received
 * @param fingerprint {@code sha256:<hex>} of the raw identity public key
 * @param csr the verified certification request for the TLS key named in the bundle
 */
record ValidEnrollRequest(IssuedSecret token, String name, @Nullable String version, SignedKeyBundle keyBundle,
        String fingerprint, CertificationRequest csr) {
}
