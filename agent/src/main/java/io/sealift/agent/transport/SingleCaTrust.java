package io.sealift.agent.transport;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A JDK PKIX trust manager whose only trust anchor is one CA certificate. It checks signatures,
 * validity and, given an {@code SSLEngine} with endpoint identification on, the host name.
 * Package-private.
 */
final class SingleCaTrust {
    private SingleCaTrust() {
    }

    /** Returns a trust manager that trusts exactly the chains issued by {@code ca}. */
    static X509ExtendedTrustManager trusting(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("sealift-control-plane-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for the control plane CA", e);
        }
    }
}
