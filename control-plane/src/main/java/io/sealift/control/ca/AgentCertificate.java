package io.sealift.control.ca;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An agent's mTLS client certificate as issued at enrollment: subject
 * {@code CN=<agentId>, O=<tenantId>}, one URI subjectAltName {@code urn:sealift:agent:<agentId>},
 * extended key usage clientAuth.
 *
 * @param certificate the agent's certificate
 * @param caCertificate the CA certificate that signed it
 * @param serialHex its serial number, lowercase hex without leading zeros (as stored)
 * @param notAfter when it expires
 */
public record AgentCertificate(X509Certificate certificate, X509Certificate caCertificate, String serialHex,
        Instant notAfter) {
    /** The prefix of the URI subjectAltName that names the agent. */
    public static final String URN_PREFIX = "urn:sealift:agent:";

    private static final int SAN_URI = 6;

    /** Checks that no part is missing. */
    public AgentCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(notAfter, "notAfter");
    }

    /** Returns the DER chain, leaf first, ending with the CA certificate. */
    public List<byte[]> chainDer() {
        try {
            return List.of(certificate.getEncoded(), caCertificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate we issued", e);
        }
    }

    /** Returns the serial number of {@code certificate} in the stored format. */
    public static String serialHexOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /**
     * Returns the agent id named by {@code certificate}'s {@code urn:sealift:agent:} URI
     * subjectAltName; empty if it has none or more than one, or the id is not a UUID.
     */
    public static Optional<UUID> agentIdOf(X509Certificate certificate) {
        List<String> uris = agentUris(certificate);
        if (uris.size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(uris.get(0).substring(URN_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> agentUris(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream()
                    .filter(name -> name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0)))
                    .map(name -> String.valueOf(name.get(1)))
                    .filter(uri -> uri.startsWith(URN_PREFIX))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
