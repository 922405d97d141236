package io.sealift.agent.transfer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opening relay connections that never become ready. The ready path is in {@link RelayChannelTest}. */
class RelayTransportTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() throws IOException {
        channels.forEach(ManagedChannel::shutdownNow);
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void aRelayThatAcceptsTheConnectionButNeverAnswersTheTlsHandshake_failsTheOpenWithConnectionLost()
            throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> acceptAndIgnore(silent), "silent-relay");
            acceptor.setDaemon(true);
            acceptor.start();
            RelayTransport transport = new RelayTransport(() -> tlsChannel(silent.getLocalPort()), CONNECT_TIMEOUT);

            TransferException failure = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(TransferException.class, () -> transport.open("job-1", 1)));

            assertEquals(ErrorCode.CONNECTION_LOST, failure.code());
            assertTrue(failure.getMessage().contains("not ready within 300 ms"), failure.getMessage());
            assertTrue(channels.get(0).awaitTermination(5, TimeUnit.SECONDS), "the channel is shut down");
        }
    }

    @Test
    void aRelayNobodyListensOn_failsTheOpenWithConnectionLost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RelayTransport transport = new RelayTransport(() -> tlsChannel(closedPort), Duration.ofSeconds(5));

        TransferException failure = assertTimeoutPreemptively(NO_HANG,
                () -> assertThrows(TransferException.class, () -> transport.open("job-1", 1)));

        assertEquals(ErrorCode.CONNECTION_LOST, failure.code());
        assertTrue(channels.get(0).awaitTermination(5, TimeUnit.SECONDS), "the channel is shut down");
    }

    @Test
    void aConnectTimeoutMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RelayTransport(() -> tlsChannel(1), Duration.ZERO));
        assertEquals("connect timeout must be positive, not PT0S", e.getMessage());
    }

    private ManagedChannel tlsChannel(int port) {
        try {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .sslContext(GrpcSslContexts.forClient().build())
                    .build();
            channels.add(channel);
            return channel;
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void acceptAndIgnore(ServerSocket server) {
        try {
            while (true) {
                accepted.add(server.accept());
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
