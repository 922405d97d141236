package io.sealift.control.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Context;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.ca.ServerIdentity;
import io.sealift.control.config.SealiftSettings;
import io.sealift.control.grpc.internal.ServerNames;
import io.sealift.control.grpc.internal.ServerTls;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent-facing gRPC server: always TLS, with a certificate from the internal CA issued at each
 * start, optional client certificates trusted only if our CA issued them, started with the
 * application context and stopped with it.
 *
 * <p>Thread-safe.
 */
@Context
public final class AgentGrpcServer {
    private static final Logger LOG = LoggerFactory.getLogger(AgentGrpcServer.class);

    private final String host;
    private final ServerIdentity identity;
    private final Server server;

    /** Builds the server; {@link #start()} binds it. */
    public AgentGrpcServer(SealiftSettings settings, CertificateAuthority ca, AgentServices services) {
        SealiftSettings.Grpc grpc = settings.grpc();
        this.host = grpc.host();
        this.identity = ca.issueServerIdentity(ServerNames.of(grpc, ServerNames.machineHostName()));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(grpc.host(), grpc.port()))
                .sslContext(ServerTls.context(identity, ca.certificate()))
                .handshakeTimeout(20, TimeUnit.SECONDS)
                .permitKeepAliveTime(20, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .keepAliveTime(60, TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .maxConcurrentCallsPerConnection(64)
                .maxInboundMetadataSize(16 * 1024);
        this.server = services.addTo(builder).build();
    }

    /** Binds the port and starts serving. */
    @PostConstruct
    void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for agents on " + host + ":" + server.getPort(), e);
        }
        LOG.info("gRPC (agents) listening on {}:{}", host, port());
    }

    /** Returns the port the server listens on (the chosen one when configured as 0). */
    public int port() {
        return server.getPort();
    }

    /** Returns the chain the server presents: its certificate, then the CA certificate. */
    public List<X509Certificate> certificateChain() {
        return identity.chain();
    }

    /** Stops accepting calls, gives running ones a moment, then cancels the rest. */
    @PreDestroy
    void stop() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
