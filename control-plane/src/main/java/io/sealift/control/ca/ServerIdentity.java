package io.sealift.control.ca;

import io.sealift.control.ca.internal.AltNames;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;

/**
 * The gRPC server's TLS identity: a fresh key and a certificate from the CA.
 *
 * @param keyManagers presents the server key with {@code chain}; the key itself stays inside
 * @param chain the server certificate followed by the CA certificate, as sent in handshakes
 */
public record ServerIdentity(KeyManagerFactory keyManagers, List<X509Certificate> chain) {

    /** Copies the chain so the record stays immutable. */
    public ServerIdentity {
        chain = List.copyOf(chain);
    }

    /** Returns whether {@code name} can go into a server certificate: an IP literal or a DNS name. */
    public static boolean isValidName(String name) {
        return AltNames.isValid(name);
    }

    /** Returns the server's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }
}
