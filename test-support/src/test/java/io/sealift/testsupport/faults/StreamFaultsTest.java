package io.sealift.testsupport.faults;

import static io.sealift.testsupport.faults.Client.concat;
import static io.sealift.testsupport.faults.Client.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flipped, dropped and duplicated bytes, each through a real echo server. */
class StreamFaultsTest {
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
    void flipBit_changesExactlyThatBitOfThatByte_evenPastTheFirstChunk() throws Exception {
        byte[] data = randomBytes(200_000, 1);
        proxy.toServer().flipBit(5, 3).flipBit(100_000, 7);
        byte[] echoed = roundTrip(data);
        byte[] expected = data.clone();
        expected[5] ^= 1 << 3;
        expected[100_000] ^= (byte) (1 << 7);
        assertArrayEquals(expected, echoed);
    }

    @Test
    void flipBits_withAProbability_flipsOneBitPerHit_andEveryConnectionReplaysTheSeed() throws Exception {
        byte[] data = randomBytes(100_000, 2);
        proxy.toClient().flipBits(0.01, 42);
        byte[] first = roundTrip(data);
        byte[] second = roundTrip(data);
        assertArrayEquals(first, second);
        int hits = 0;
        for (int i = 0; i < data.length; i++) {
            int diff = (data[i] ^ first[i]) & 0xff;
            assertTrue(diff == 0 || Integer.bitCount(diff) == 1, "one bit at " + i);
            hits += diff == 0 ? 0 : 1;
        }
        assertTrue(hits > 700 && hits < 1300, hits + " bytes flipped of 100000 at p = 0.01");
    }

    @Test
    void drop_removesExactlyTheRange() throws Exception {
        byte[] data = randomBytes(100, 3);
        proxy.toServer().drop(10, 5);
        assertArrayEquals(concat(Arrays.copyOfRange(data, 0, 10), Arrays.copyOfRange(data, 15, 100)),
                roundTrip(data));
    }

    @Test
    void duplicate_sendsTheRangeAgainRightAfterIt() throws Exception {
        byte[] data = randomBytes(100, 4);
        proxy.toServer().duplicate(10, 5);
        assertArrayEquals(concat(Arrays.copyOfRange(data, 0, 15), Arrays.copyOfRange(data, 10, 100)),
                roundTrip(data));
    }

    @Test
    void drop_withAProbability_leavesAnInOrderSubsequence() throws Exception {
        byte[] data = sequence(100_000);
        proxy.toServer().drop(0.05, 7);
        byte[] received = roundTrip(data);
        assertTrue(received.length > 94_000 && received.length < 96_000, received.length + " bytes kept");
        int at = 0;
        for (byte b : received) {
            while (data[at] != b) {
                at++;
            }
            at++;
        }
    }

    @Test
    void duplicate_withAProbability_repeatsSomeBytesOnce_inPlace() throws Exception {
        byte[] data = sequence(100_000);
        proxy.toServer().duplicate(0.05, 7);
        byte[] received = roundTrip(data);
        int j = 0;
        for (byte b : data) {
            assertEquals(b, received[j++]);
            if (j < received.length && received[j] == b) {
                j++;
            }
        }
        assertEquals(received.length, j);
        assertTrue(received.length > 104_000 && received.length < 106_000, received.length + " bytes sent");
    }

    @Test
    void invalidFaults_areRejectedWithTheRule() {
        IllegalArgumentException bit = assertThrows(IllegalArgumentException.class,
                () -> proxy.toServer().flipBit(0, 8));
        assertEquals("bit 8; it must be 0 (least significant) to 7", bit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> proxy.toServer().drop(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> proxy.toServer().duplicate(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> proxy.toServer().bandwidth(0));
        assertThrows(IllegalArgumentException.class, () -> proxy.toServer().cutAfter(-1));
    }

    /** Sends {@code data}, half-closes, and returns everything echoed back. */
    private byte[] roundTrip(byte[] data) throws IOException {
        try (Client client = Client.connect(proxy)) {
            client.send(data).thenRun(() -> {
                try {
                    client.finishSending();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return client.readToEnd();
        }
    }

    /** Bytes where no two neighbours are equal, so a duplicate is unambiguous. */
    private static byte[] sequence(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) i;
        }
        return data;
    }
}
