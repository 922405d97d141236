package io.sealift.testsupport.faults;

import static io.sealift.testsupport.faults.Client.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.testsupport.Await;
import io.sealift.testsupport.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultyProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private EchoServer echo;
    private FaultyProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = EchoServer.start();
        proxy = FaultyProxy.start(echo.address());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void withoutFaults_forwardsEveryByteUnchangedBothWays_andCountsThem() throws Exception {
        byte[] data = randomBytes(1 << 20, 1);
        try (Client client = Client.connect(proxy)) {
            client.send(data);
            assertArrayEquals(data, client.read(data.length));
        }
        Await.until("1 MiB counted each way", WAIT, () -> proxy.bytesForwarded(Direction.TO_SERVER) == data.length
                && proxy.bytesForwarded(Direction.TO_CLIENT) == data.length);
        assertEquals(1, proxy.connectionsAccepted());
        assertEquals(0, proxy.connectionsRefused());
    }

    @Test
    void aHalfClose_isPassedOnAsAFin_andTheConnectionClosesWhenBothSidesAreDone() throws Exception {
        byte[] data = "last words".getBytes(StandardCharsets.US_ASCII);
        try (Client client = Client.connect(proxy)) {
            client.send(data).join();
            client.finishSending();
            assertArrayEquals(data, client.readToEnd());
        }
        EchoServer.Ended ended = echo.nextEnded(WAIT);
        assertNull(ended.error());
        Await.until("the connection to be closed", WAIT, () -> proxy.openConnections() == 0);
    }

    @Test
    void refusingNewConnections_resetsThem_whileCurrentOnesGoOn() throws Exception {
        try (Client kept = Client.connect(proxy)) {
            kept.send(new byte[] {1}).join();
            kept.read(1);
            proxy.refuseNewConnections(true);
            try (Client refused = Client.connect(proxy)) {
                assertThrows(SocketException.class, refused::readToEnd);
            }
            kept.send(new byte[] {2}).join();
            assertArrayEquals(new byte[] {2}, kept.read(1));

            proxy.refuseNewConnections(false);
            try (Client again = Client.connect(proxy)) {
                again.send(new byte[] {3}).join();
                assertArrayEquals(new byte[] {3}, again.read(1));
            }
        }
        assertEquals(2, proxy.connectionsAccepted());
        assertEquals(1, proxy.connectionsRefused());
    }

    @Test
    void whenTheTargetIsDown_theClientIsReset_andCountedAsRefused() throws Exception {
        try (FaultyProxy nowhere = FaultyProxy.start(new InetSocketAddress("127.0.0.1", FreePorts.next()));
                Client client = Client.connect(nowhere)) {
            assertThrows(SocketException.class, client::readToEnd);
            assertEquals(1, nowhere.connectionsRefused());
        }
    }

    @Test
    void cutAll_endsEveryCurrentConnectionWithAFin_onBothSides() throws Exception {
        try (Client first = Client.connect(proxy); Client second = Client.connect(proxy)) {
            for (Client client : List.of(first, second)) {
                client.send(new byte[] {7}).join();
                client.read(1);
            }
            proxy.cutAll();
            assertEquals(0, first.readToEnd().length);
            assertEquals(0, second.readToEnd().length);
        }
        assertNull(echo.nextEnded(WAIT).error());
        assertNull(echo.nextEnded(WAIT).error());
        Await.until("both connections to be closed", WAIT, () -> proxy.openConnections() == 0);
    }

    @Test
    void resetAll_givesBothPeersAConnectionReset() throws Exception {
        try (Client client = Client.connect(proxy)) {
            client.send(new byte[] {7}).join();
            client.read(1);
            proxy.resetAll();
            SocketException reset = assertThrows(SocketException.class, client::readToEnd);
            assertTrue(reset.getMessage().toLowerCase().contains("reset"), reset.getMessage());
        }
        assertNotNull(echo.nextEnded(WAIT).error());
    }

    @Test
    void close_resetsStalledAndThrottledConnections_andLeavesNoThread() throws Exception {
        String prefix = "faulty-proxy-" + proxy.port() + "-";
        proxy.toServer().stallAfter(50_000);
        proxy.toClient().bandwidth(1_000);
        try (Client first = Client.connect(proxy); Client second = Client.connect(proxy)) {
            first.send(randomBytes(100_000, 2));
            second.send(randomBytes(100_000, 3));
            Await.until("the acceptor and two pumps per connection", WAIT, () -> liveThreads(prefix) == 5);

            proxy.close();

            assertEquals(0, liveThreads(prefix));
            assertThrows(SocketException.class, first::readToEnd);
        }
    }

    private static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }
}
