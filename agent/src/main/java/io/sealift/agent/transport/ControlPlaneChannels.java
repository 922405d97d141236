package io.sealift.agent.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.sealift.agent.config.ControlPlaneAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the gRPC channels the agent uses to reach the control plane: always TLS, with host
 * name verification on, using the JDK TLS stack so that trust decisions run through the
 * agent's trust managers.
 *
 * <p>Keepalive pings every 30 s let a dead TCP connection surface as a failed stream; the
 * control plane must permit pings that often ({@code permitKeepAliveTime}). Stateless.
 */
public final class ControlPlaneChannels {
    /** How often the channel pings the control plane when the connection is quiet. */
    public static final long KEEPALIVE_SECONDS = 30;

    private ControlPlaneChannels() {
    }

    /** Returns a channel for enrollment: no client certificate, server trusted by CA pin only. */
    public static ManagedChannel forEnrollment(ControlPlaneAddress address, PinnedCaTrustManager trust) {
        return channel(address, builder().trustManager(trust));
    }

    /**
     * Returns a mutual-TLS channel for an enrolled agent: it presents {@code chain} (leaf first)
     * with {@code key}, and trusts only servers whose chain is issued by {@code ca}.
     */
    public static ManagedChannel forAgent(
            ControlPlaneAddress address, X509Certificate ca, PrivateKey key, List<X509Certificate> chain) {
        X509ExtendedTrustManager trust = SingleCaTrust.trusting(ca);
        return channel(address, builder().trustManager(trust).keyManager(key, chain.toArray(X509Certificate[]::new)));
    }

    private static SslContextBuilder builder() {
        return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK);
    }

    private static ManagedChannel channel(ControlPlaneAddress address, SslContextBuilder tls) {
        SslContext context;
        try {
            context = tls.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        return NettyChannelBuilder.forAddress(address.host(), address.port())
                .sslContext(context)
                .keepAliveTime(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .build();
    }
}
