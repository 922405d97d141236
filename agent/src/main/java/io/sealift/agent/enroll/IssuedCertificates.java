package io.sealift.agent.enroll;

import com.google.protobuf.ByteString;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.proto.v1.EnrollResponse;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The certificates an {@link EnrollResponse} carries, checked against what the agent asked
 * for: the chain is leaf first, each certificate is signed by the next, the leaf certifies the
 * agent's TLS key and is valid now, and the last certificate is the pinned CA. Immutable;
 * package-private.
 *
 * @param ca the control plane CA (the chain's last certificate)
 * @param chain the whole chain, leaf first, ending with {@code ca}
 */
record IssuedCertificates(X509Certificate ca, List<X509Certificate> chain) {
    /**
     * Checks the response's certificate chain.
     *
     * @throws EnrollmentException if any check fails
     */
    static IssuedCertificates check(EnrollResponse response, AgentKeys keys, Fingerprint pin, Instant now) {
        List<X509Certificate> chain = parse(response.getCertificateChainList());
        if (chain.size() < 2) {
            throw invalid("has " + chain.size() + " certificate(s); expected the client certificate and the CA");
        }
        X509Certificate leaf = chain.get(0);
        X509Certificate ca = chain.get(chain.size() - 1);
        Fingerprint caFingerprint = Fingerprint.of(ca.getPublicKey().getEncoded());
        if (!caFingerprint.equals(pin)) {
            throw invalid("ends with CA " + caFingerprint + ", not the pinned " + pin);
        }
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), keys.tls().publicKeyInfo())) {
            throw invalid("certifies a different key than the agent's TLS key");
        }
        checkSignatures(chain);
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw invalid("starts with a certificate that is not valid now: " + e.getMessage());
        }
        return new IssuedCertificates(ca, List.copyOf(chain));
    }

    private static List<X509Certificate> parse(List<ByteString> ders) {
        List<X509Certificate> result = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (ByteString der : ders) {
                result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.toByteArray())));
            }
        } catch (CertificateException e) {
            throw invalid("holds a certificate that cannot be parsed");
        }
        return result;
    }

    private static void checkSignatures(List<X509Certificate> chain) {
        for (int i = 0; i < chain.size() - 1; i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw invalid("is broken: certificate " + i + " is not signed by certificate " + (i + 1));
            }
        }
    }

    private static EnrollmentException invalid(String problem) {
        return new EnrollmentException("control plane returned a certificate chain that " + problem);
    }
}
