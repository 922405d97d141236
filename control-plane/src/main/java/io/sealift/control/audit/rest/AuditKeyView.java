package io.sealift.control.audit.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.sealift.audit.format.AuditPublicKey;

/**
 * The audit public key as {@code GET /api/v1/audit/key} returns it.
 *
 * @param fingerprint {@code sha256:} and the lowercase hex SHA-256 of the raw 32-byte public key:
 *     what auditors pin ({@code --key-fingerprint})
 * @param publicKey standard base64 (with padding) of the raw 32-byte Ed25519 public key (RFC 8032)
 * @param algorithm always {@code Ed25519}
 */
@Serdeable
public record AuditKeyView(String fingerprint, String publicKey, String algorithm) {

    /** Returns the view of {@code key}. */
    static AuditKeyView of(AuditPublicKey key) {
        return new AuditKeyView(key.fingerprint(), key.base64(), "Ed25519");
    }
}
