package io.sealift.control.ca;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The CA as {@code GET /api/v1/ca} shows it.
 *
 * @param fingerprint {@code sha256:<hex>} of the CA's DER SubjectPublicKeyInfo, what agents pin
 * @param certificate the CA certificate in PEM
 */
@Serdeable
public record CaDocument(String fingerprint, String certificate) {
}
