package io.sealift.testsupport.faults;

/**
 * A monotonic clock that can also wait, so pacing (latency, bandwidth) can be tested without
 * real time passing.
 */
interface Ticker {
    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }
    };

    /** Returns the current time in nanoseconds, from an arbitrary origin. */
    long nanoTime();

    /** Waits {@code nanos} nanoseconds; does nothing if it is zero or negative. */
    void sleep(long nanos) throws InterruptedException;
}
