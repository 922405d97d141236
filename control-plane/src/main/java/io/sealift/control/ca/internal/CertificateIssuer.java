package io.sealift.control.ca.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Builds X.509 certificates signed by a CA key: the self-signed CA certificate and the leaf
 * certificates of the gRPC server and of agents.
 *
 * <p>Thread-safe. Serial numbers are 128 random bits; {@code notBefore} is backdated by an hour
 * so an agent whose clock runs a little behind still accepts a fresh certificate.
 */
public final class CertificateIssuer {
    /** The subject of the CA certificate. */
    public static final X500Name CA_NAME = new X500Name("CN=Sealift control plane CA");
    /** How long the CA certificate is valid. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3652);

    private static final Duration BACKDATE = Duration.ofHours(1);

    private final SigningKey caKey;
    private final X509Certificate caCertificate;
    private final Clock clock;
    private final SecureRandom random;

    /** Creates an issuer signing with {@code caKey}, whose certificate is {@code caCertificate}. */
    public CertificateIssuer(SigningKey caKey, X509Certificate caCertificate, Clock clock, SecureRandom random) {
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.clock = clock;
        this.random = random;
    }

    /** Returns a new self-signed CA certificate for {@code key}: CA, keyCertSign and cRLSign. */
    public static X509Certificate selfSigned(SigningKey key, Clock clock, SecureRandom random) {
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(CA_NAME, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), CA_NAME, key.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(key.publicKey()));
            return new JcaX509CertificateConverter().getCertificate(builder.build(key.signer()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the CA certificate", e);
        }
    }

    /**
     * Issues an end-entity certificate.
     *
     * @param subject the subject name
     * @param publicKey the subject's public key
     * @param altNames the subjectAltName entries
     * @param purpose {@link KeyPurposeId#id_kp_serverAuth} or {@link KeyPurposeId#id_kp_clientAuth}
     * @param validity how long it is valid from now
     */
    public X509Certificate issue(X500Name subject, PublicKey publicKey, GeneralNames altNames,
            KeyPurposeId purpose, Duration validity) {
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectAlternativeName, false, altNames)
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            return new JcaX509CertificateConverter().getCertificate(builder.build(caKey.signer()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
