package io.sealift.testsupport.faults;

import static io.sealift.testsupport.faults.Client.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cuts, resets and stalls, each through a real echo server. */
class ConnectionFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** How long a stalled read is given to prove nothing arrives; a bound, not a measurement. */
    private static final int STALL_PROBE_MILLIS = 200;

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
    void cutAfter_towardsTheClient_deliversExactlyNBytesThenEndOfStream() throws Exception {
        byte[] data = randomBytes(100_000, 1);
        proxy.toClient().cutAfter(30_000);
        try (Client client = Client.connect(proxy)) {
            client.send(data);
            assertArrayEquals(Arrays.copyOf(data, 30_000), client.readToEnd());
        }
    }

    @Test
    void cutAfter_towardsTheServer_deliversExactlyNBytesThenEndOfStream() throws Exception {
        byte[] data = randomBytes(100_000, 2);
        proxy.toServer().cutAfter(30_000);
        try (Client client = Client.connect(proxy)) {
            client.send(data);
            byte[] echoed = client.readToEnd();
            assertArrayEquals(Arrays.copyOf(data, echoed.length), echoed, "what came back is a prefix");
        }
        EchoServer.Ended ended = echo.nextEnded(WAIT);
        assertNull(ended.error(), "a cut is a clean end of stream, not an error");
        assertArrayEquals(Arrays.copyOf(data, 30_000), ended.received());
    }

    @Test
    void aFaultSetOnAnOpenConnection_countsFromItsNextByte() throws Exception {
        try (Client client = Client.connect(proxy)) {
            client.send(randomBytes(1_000, 3)).join();
            client.read(1_000);
            proxy.toClient().cutAfter(10);
            byte[] second = randomBytes(1_000, 4);
            client.send(second);
            assertArrayEquals(Arrays.copyOf(second, 10), client.readToEnd());
        }
    }

    @Test
    void resetAfter_givesTheClientAConnectionReset() throws Exception {
        proxy.toClient().resetAfter(100);
        try (Client client = Client.connect(proxy)) {
            client.send(randomBytes(10_000, 5));
            SocketException reset = assertThrows(SocketException.class, client::readToEnd);
            assertTrue(reset.getMessage().toLowerCase().contains("reset"), reset.getMessage());
        }
    }

    @Test
    void stall_holdsTheBytesWithoutClosing_untilReleased() throws Exception {
        byte[] hello = {'h', 'e', 'l', 'l', 'o'};
        proxy.toServer().stall();
        try (Client client = Client.connect(proxy)) {
            client.send(hello).join();
            client.socket().setSoTimeout(STALL_PROBE_MILLIS);
            assertThrows(SocketTimeoutException.class, () -> client.read(1));
            assertEquals(0, proxy.bytesForwarded(Direction.TO_SERVER));

            proxy.toServer().release();
            client.socket().setSoTimeout(Client.READ_TIMEOUT_MILLIS);
            assertArrayEquals(hello, client.read(hello.length));
        }
    }

    @Test
    void stallAfter_forwardsNBytesThenHolds_untilReleased() throws Exception {
        byte[] hello = {'h', 'e', 'l', 'l', 'o'};
        proxy.toClient().stallAfter(3);
        try (Client client = Client.connect(proxy)) {
            client.send(hello).join();
            assertArrayEquals(new byte[] {'h', 'e', 'l'}, client.read(3));
            client.socket().setSoTimeout(STALL_PROBE_MILLIS);
            assertThrows(SocketTimeoutException.class, () -> client.read(1));

            proxy.toClient().release();
            client.socket().setSoTimeout(Client.READ_TIMEOUT_MILLIS);
            assertArrayEquals(new byte[] {'l', 'o'}, client.read(2));
        }
    }

    @Test
    void clear_removesEveryFault() throws Exception {
        proxy.toClient().cutAfter(1).flipBit(0, 0).latency(Duration.ofSeconds(10)).bandwidth(1).clear();
        byte[] data = randomBytes(1_000, 6);
        try (Client client = Client.connect(proxy)) {
            client.send(data);
            assertArrayEquals(data, client.read(data.length));
        }
    }
}
