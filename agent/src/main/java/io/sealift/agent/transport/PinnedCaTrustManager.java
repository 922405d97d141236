package io.sealift.agent.transport;

import io.sealift.agent.crypto.Fingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for the first contact with the control plane: it trusts a server only if the
 * chain it presents contains a certificate whose SubjectPublicKeyInfo has the pinned fingerprint,
 * and the chain then validates (signature, validity, host name) with that certificate as the
 * only trust anchor.
 *
 * <p>Remembers the fingerprint presented on a mismatch ({@link #mismatch()}) so callers can
 * report both values; gRPC itself only reports that the handshake failed. Thread-safe.
 */
public final class PinnedCaTrustManager extends X509ExtendedTrustManager {
    private final Fingerprint pin;
    private final AtomicReference<CaPinMismatchException> mismatch = new AtomicReference<>();

    /** Creates a trust manager pinning the CA fingerprint {@code pin}. */
    public PinnedCaTrustManager(Fingerprint pin) {
        this.pin = pin;
    }

    /** Returns the mismatch seen in the last failed handshake, if the pin was the reason. */
    public Optional<CaPinMismatchException> mismatch() {
        return Optional.ofNullable(mismatch.get());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        anchored(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        anchored(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without an engine there is no host name to verify; the agent's channels always pass one.
        throw new CertificateException("server certificates are only checked with the TLS engine at hand");
    }

    private X509ExtendedTrustManager anchored(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            return refuse(Optional.empty());
        }
        for (X509Certificate certificate : chain) {
            if (Fingerprint.of(certificate.getPublicKey().getEncoded()).equals(pin)) {
                return SingleCaTrust.trusting(certificate);
            }
        }
        return refuse(Optional.of(Fingerprint.of(chain[chain.length - 1].getPublicKey().getEncoded())));
    }

    private X509ExtendedTrustManager refuse(Optional<Fingerprint> presented) throws CertificateException {
        CaPinMismatchException problem = new CaPinMismatchException(pin, presented, "the control plane");
        mismatch.set(problem);
        throw new CertificateException(problem.getMessage());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the agent does not accept TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the agent does not accept TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the agent does not accept TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
