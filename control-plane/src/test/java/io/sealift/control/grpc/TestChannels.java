package io.sealift.control.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds TLS client channels to the control plane's gRPC port, as agents do. */
public final class TestChannels {
    private TestChannels() {
    }

    /** A channel trusting {@code ca}, without a client certificate. */
    public static ManagedChannel anonymous(int port, X509Certificate ca) {
        return build(port, GrpcSslContexts.forClient().trustManager(ca));
    }

    /** A channel trusting {@code ca} and presenting {@code chain} with {@code key}. */
    public static ManagedChannel mutual(int port, X509Certificate ca, PrivateKey key, List<X509Certificate> chain) {
        return build(port, GrpcSslContexts.forClient().trustManager(ca).keyManager(key, chain));
    }

    private static ManagedChannel build(int port, SslContextBuilder tls) {
        try {
            return NettyChannelBuilder.forAddress("localhost", port)
                    .sslContext(tls.build())
                    .maxInboundMessageSize(16 * 1024 * 1024)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
