package io.sealift.control.grpc.internal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.sealift.control.ca.ServerIdentity;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** Builds the gRPC server's TLS context. Stateless and thread-safe. */
public final class ServerTls {
    private ServerTls() {
    }

    /**
     * Returns a server context that presents {@code identity}'s chain (server certificate, then CA
     * certificate) and asks for, but does not require, a client certificate, trusting only
     * {@code ca}. A client certificate from any other issuer fails the handshake; calls without
     * one are refused per method by the authentication interceptor.
     */
    public static SslContext context(ServerIdentity identity, X509Certificate ca) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(identity.keyManagers()))
                    .trustManager(ca)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the gRPC server's TLS context", e);
        }
    }
}
