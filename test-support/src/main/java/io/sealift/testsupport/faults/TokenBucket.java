package io.sealift.testsupport.faults;

/**
 * A token bucket that paces bytes to a rate, shared by every connection in one direction.
 *
 * <p>Thread-safe. A caller takes its tokens at once, going into debt if the bucket is short, and
 * then sleeps off its own debt outside the lock; concurrent callers therefore queue behind each
 * other's debt and the aggregate rate holds. Callers should take at most {@link #burst()} bytes at
 * a time so the output stays smooth.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The burst is this fraction of a second's worth of bytes: 1/20 s = 50 ms. */
    private static final long BURST_DIVISOR = 20;

    private final long bytesPerSecond;
    private final long burst;
    private final Ticker ticker;
    private double tokens;
    private long last;

    TokenBucket(long bytesPerSecond, int maxBurst, Ticker ticker) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bandwidth " + bytesPerSecond + " bytes/s; it must be at least 1");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burst = Math.max(1, Math.min(maxBurst, bytesPerSecond / BURST_DIVISOR));
        this.ticker = ticker;
        this.tokens = burst;
        this.last = ticker.nanoTime();
    }

    /** Returns the largest number of bytes a caller should take at once. */
    int burst() {
        return (int) burst;
    }

    /** Returns the rate this bucket paces to. */
    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Takes {@code bytes} tokens, waiting as long as the rate requires. */
    void acquire(int bytes) throws InterruptedException {
        ticker.sleep(take(bytes));
    }

    private synchronized long take(int bytes) {
        long now = ticker.nanoTime();
        tokens = Math.min(burst, tokens + (double) (now - last) * bytesPerSecond / NANOS_PER_SECOND);
        last = now;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
    }
}
