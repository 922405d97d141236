package io.sealift.testsupport.faults;

import static io.sealift.testsupport.faults.Client.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Latency and the bandwidth cap. The exact pacing is checked against a fake clock; the
 * real-socket checks use lower bounds, which sleeping guarantees, and loose upper bounds that
 * only catch a fault that was not applied at all.
 */
class PacingTest {
    private static final long MILLI = 1_000_000L;

    private EchoServer echo;

    @BeforeEach
    void start() throws IOException {
        echo = EchoServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
    }

    @Test
    void latency_sleepsOncePerChunk_inEachDirectionItIsSet() throws Exception {
        FakeTicker ticker = new FakeTicker();
        try (FaultyProxy proxy = FaultyProxy.start(echo.address(), ticker); Client client = Client.connect(proxy)) {
            proxy.toServer().latency(Duration.ofMillis(70));
            proxy.toClient().latency(Duration.ofMillis(30));
            client.send(new byte[] {1}).join();
            client.read(1);
        }
        assertEquals(100 * MILLI, ticker.totalSlept());
    }

    @Test
    void latency_delaysARoundTripOnRealSockets() throws Exception {
        try (FaultyProxy proxy = FaultyProxy.start(echo.address()); Client client = Client.connect(proxy)) {
            proxy.toServer().latency(Duration.ofMillis(150));
            long start = System.nanoTime();
            client.send(new byte[] {1}).join();
            client.read(1);
            long elapsedMillis = (System.nanoTime() - start) / MILLI;
            assertTrue(elapsedMillis >= 150 && elapsedMillis < 2_000, elapsedMillis + " ms");
        }
    }

    @Test
    void bandwidth_capsTheRateOnRealSockets() throws Exception {
        int rate = 256 * 1024;
        byte[] data = randomBytes(128 * 1024, 1);
        try (FaultyProxy proxy = FaultyProxy.start(echo.address()); Client client = Client.connect(proxy)) {
            proxy.toClient().bandwidth(rate);
            long start = System.nanoTime();
            client.send(data);
            assertArrayEquals(data, client.read(data.length));
            long elapsedMillis = (System.nanoTime() - start) / MILLI;
            long floorMillis = (data.length - rate / 20) * 1000L / rate;
            assertTrue(elapsedMillis >= floorMillis && elapsedMillis < 1_500,
                    elapsedMillis + " ms for 128 KiB at 256 KiB/s; at least " + floorMillis);
        }
    }
}
