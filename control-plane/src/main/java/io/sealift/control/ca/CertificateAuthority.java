package io.sealift.control.ca;

import io.sealift.control.ca.internal.AltNames;
import io.sealift.control.ca.internal.CaFiles;
import io.sealift.control.ca.internal.CertificateIssuer;
import io.sealift.control.ca.internal.Pem;
import io.sealift.control.ca.internal.SigningKey;
import io.sealift.control.config.DataDirectory;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's internal certificate authority: an ECDSA P-256 key kept in the data
 * directory, which issues the gRPC server's certificate and agents' client certificates.
 *
 * <p>Thread-safe. Agents pin {@link #fingerprint()}: the SHA-256 of the CA's SubjectPublicKeyInfo,
 * so it survives restarts and re-issues of the CA certificate.
 */
@Singleton
public final class CertificateAuthority {
    /** How long agent certificates are valid. */
    public static final Duration AGENT_VALIDITY = Duration.ofDays(365);
    /** How long the server certificate is valid; it is re-issued at every start anyway. */
    public static final Duration SERVER_VALIDITY = Duration.ofDays(365);

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);

    private final X509Certificate certificate;
    private final CertificateIssuer issuer;
    private final String fingerprint;
    private final SecureRandom random;

    /** Loads the CA from {@code dataDir}, creating it on first start, and logs its fingerprint. */
    public CertificateAuthority(DataDirectory dataDir, Clock clock, SecureRandom random) {
        CaFiles.LoadedCa ca = new CaFiles(dataDir, clock, random).loadOrCreate();
        this.certificate = ca.certificate();
        this.issuer = new CertificateIssuer(ca.key(), ca.certificate(), clock, random);
        this.fingerprint = Fingerprint.of(certificate.getPublicKey().getEncoded());
        this.random = random;
        LOG.info("CA fingerprint: {}", fingerprint);
    }

    /** Returns {@code sha256:<hex>} of the CA's DER SubjectPublicKeyInfo: what agents pin. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Returns the CA certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Returns the CA certificate in PEM. */
    public String certificatePem() {
        try {
            return new String(Pem.encode("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    /**
     * Issues an agent's client certificate for the key in its verified certification request.
     * The subject and extensions the request asked for are ignored.
     */
    public AgentCertificate issueAgentCertificate(UUID agentId, UUID tenantId, CertificationRequest request) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, tenantId.toString())
                .addRDN(BCStyle.CN, agentId.toString())
                .build();
        X509Certificate issued = issuer.issue(subject, request.publicKey(),
                AltNames.uri(AgentCertificate.URN_PREFIX + agentId), KeyPurposeId.id_kp_clientAuth, AGENT_VALIDITY);
        return new AgentCertificate(issued, certificate, AgentCertificate.serialHexOf(issued),
                issued.getNotAfter().toInstant());
    }

    /**
     * Issues a server certificate for a freshly generated key, valid for {@code names} (DNS names
     * or IP addresses), with extended key usage serverAuth.
     *
     * @throws IllegalArgumentException naming an entry that is neither a DNS name nor an IP address
     */
    public ServerIdentity issueServerIdentity(Collection<String> names) {
        SigningKey key = SigningKey.generate(random);
        X509Certificate issued = issuer.issue(new X500Name("CN=Sealift control plane"), key.publicKey(),
                AltNames.of(names), KeyPurposeId.id_kp_serverAuth, SERVER_VALIDITY);
        List<X509Certificate> chain = List.of(issued, certificate);
        return new ServerIdentity(key.keyManagers(chain, random), chain);
    }
}
