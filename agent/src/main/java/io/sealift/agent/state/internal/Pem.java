package io.sealift.agent.state.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The PEM text form of X.509 certificates ({@code -----BEGIN CERTIFICATE-----}). Stateless. */
public final class Pem {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    /** Returns {@code certificates} as concatenated PEM blocks, in order. */
    public static byte[] encode(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append("-----BEGIN CERTIFICATE-----\n")
                        .append(BASE64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("certificate cannot be encoded", e);
            }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses concatenated PEM (or DER) certificates, in order.
     *
     * @throws CertificateException if the text holds something else
     */
    public static List<X509Certificate> decode(byte[] pem) throws CertificateException {
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem))) {
            result.add((X509Certificate) certificate);
        }
        return result;
    }
}
