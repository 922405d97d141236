package io.sealift.agent.state;

import io.sealift.agent.state.internal.Pem;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The agent's certificates under {@code certs/}: {@code ca.pem} (the control plane CA) and
 * {@code client-chain.pem} (the agent's client certificate chain, leaf first), both PEM.
 * Thread-safe.
 */
public final class CertificateStore {
    static final String CA = "certs/ca.pem";
    static final String CHAIN = "certs/client-chain.pem";

    private final StateDir dir;

    /** Creates a store in {@code dir}. */
    public CertificateStore(StateDir dir) {
        this.dir = dir;
    }

    /** Writes the CA certificate and the client chain (leaf first). */
    public void save(X509Certificate ca, List<X509Certificate> chain) {
        dir.write(CA, Pem.encode(List.of(ca)));
        dir.write(CHAIN, Pem.encode(chain));
    }

    /** Reads the control plane CA certificate. */
    public X509Certificate ca() {
        List<X509Certificate> certificates = read(CA);
        if (certificates.size() != 1) {
            throw new StateException(dir.file(CA) + " must hold exactly one certificate");
        }
        return certificates.get(0);
    }

    /** Reads the client certificate chain, leaf first. */
    public List<X509Certificate> chain() {
        List<X509Certificate> certificates = read(CHAIN);
        if (certificates.isEmpty()) {
            throw new StateException(dir.file(CHAIN) + " holds no certificate");
        }
        return certificates;
    }

    private List<X509Certificate> read(String file) {
        try {
            return Pem.decode(dir.read(file));
        } catch (CertificateException e) {
            throw new StateException(dir.file(file) + " is not a valid PEM certificate file", e);
        }
    }
}
