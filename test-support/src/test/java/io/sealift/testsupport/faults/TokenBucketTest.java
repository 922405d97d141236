package io.sealift.testsupport.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MILLI = 1_000_000L;

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void theBurstIsFiftyMillisecondsOfBytes_boundedByTheChunk() {
        assertEquals(50, new TokenBucket(1_000, 16_384, ticker).burst());
        assertEquals(16_384, new TokenBucket(100_000_000, 16_384, ticker).burst());
        assertEquals(1, new TokenBucket(1, 16_384, ticker).burst());
    }

    @Test
    void aFullBucketPassesOneBurstAtOnce_thenPacesToTheRate() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1_000, 16_384, ticker);
        for (int i = 0; i < 10; i++) {
            bucket.acquire(50);
        }
        assertEquals(List.of(50 * MILLI), ticker.sleeps().subList(0, 1));
        assertEquals(450 * MILLI, ticker.totalSlept(), "500 bytes at 1000 B/s, less the 50-byte burst");
    }

    @Test
    void idleTimeRefillsNoMoreThanOneBurst() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1_000, 16_384, ticker);
        ticker.advance(10_000 * MILLI);
        bucket.acquire(100);
        assertEquals(50 * MILLI, ticker.totalSlept());
    }

    @Test
    void aZeroRate_isRejectedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenBucket(0, 16_384, ticker));
        assertEquals("bandwidth 0 bytes/s; it must be at least 1", e.getMessage());
    }
}
