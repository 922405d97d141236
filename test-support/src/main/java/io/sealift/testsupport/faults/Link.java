package io.sealift.testsupport.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The faults of one direction of a {@link FaultyProxy}, for every connection it has now and
 * every one it accepts later.
 *
 * <p>Thread-safe: set and clear faults from the test thread while bytes flow. A change applies
 * from the next chunk a connection reads. Offsets and byte counts ({@code cutAfter(n)},
 * {@code flipBit(offset, ..)}) count the bytes read from the sender, from the first byte a
 * connection reads after the fault is set (for a connection accepted later, from its first
 * byte); a connection that is idle is not touched until it carries data again. Each fault applies
 * at most once per connection. Setters return this link, for chaining.
 */
public final class Link {
    private static final long POLL_MILLIS = 50;

    private final Direction direction;
    private final int chunkSize;
    private final Ticker ticker;
    private final AtomicLong forwarded = new AtomicLong();
    private volatile Snapshot snapshot = Snapshot.NONE;
    private boolean stalled;
    private long releases;

    Link(Direction direction, int chunkSize, Ticker ticker) {
        this.direction = direction;
        this.chunkSize = chunkSize;
        this.ticker = ticker;
    }

    /** Returns the direction this link controls. */
    public Direction direction() {
        return direction;
    }

    /** Delays every chunk by {@code perChunk} before forwarding it; {@link Duration#ZERO} removes it. */
    public synchronized Link latency(Duration perChunk) {
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("latency " + perChunk + "; it must not be negative");
        }
        snapshot = snapshot.withLatency(perChunk.toNanos());
        return this;
    }

    /** Caps the rate of this direction, summed over all connections, at {@code bytesPerSecond}. */
    public synchronized Link bandwidth(long bytesPerSecond) {
        snapshot = snapshot.withBucket(new TokenBucket(bytesPerSecond, chunkSize, ticker));
        return this;
    }

    /** Removes the bandwidth cap. */
    public synchronized Link unlimitedBandwidth() {
        snapshot = snapshot.withBucket(null);
        return this;
    }

    /** After {@code bytes} more bytes, closes the connection cleanly: FIN both ways, nothing more forwarded. */
    public Link cutAfter(long bytes) {
        return trip(new Trip(Trip.Kind.CUT, bytes));
    }

    /** After {@code bytes} more bytes, resets the connection: RST both ways. */
    public Link resetAfter(long bytes) {
        return trip(new Trip(Trip.Kind.RESET, bytes));
    }

    /** After {@code bytes} more bytes, stops forwarding (without closing) until {@link #release()}. */
    public Link stallAfter(long bytes) {
        return trip(new Trip(Trip.Kind.STALL, bytes));
    }

    /**
     * Stops forwarding now, without closing, until {@link #release()}. The sender fills the TCP
     * buffers and then blocks, as behind a dead route.
     */
    public synchronized Link stall() {
        stalled = true;
        return this;
    }

    /** Ends {@link #stall()} and every {@link #stallAfter} stall, and removes pending ones. */
    public synchronized Link release() {
        stalled = false;
        releases++;
        snapshot = snapshot.withoutStallTrips(releases);
        notifyAll();
        return this;
    }

    /** Flips bit {@code bit} (0 is the least significant) of the byte at {@code offset}. */
    public Link flipBit(long offset, int bit) {
        return byteFault(ByteFault.flipBit(offset, bit));
    }

    /** Flips one random bit in each byte with {@code probability}; each connection replays {@code seed}. */
    public Link flipBits(double probability, long seed) {
        return byteFault(ByteFault.flipRandomBits(probability, seed));
    }

    /** Drops the {@code length} bytes from {@code offset}. */
    public Link drop(long offset, int length) {
        return byteFault(ByteFault.drop(offset, length));
    }

    /** Drops each byte with {@code probability}; each connection replays {@code seed}. */
    public Link drop(double probability, long seed) {
        return byteFault(ByteFault.dropRandom(probability, seed));
    }

    /** Sends the {@code length} bytes from {@code offset} twice: the range, then the range again. */
    public Link duplicate(long offset, int length) {
        return byteFault(ByteFault.duplicate(offset, length));
    }

    /** Sends each byte twice with {@code probability}; each connection replays {@code seed}. */
    public Link duplicate(double probability, long seed) {
        return byteFault(ByteFault.duplicateRandom(probability, seed));
    }

    /** Removes every fault of this link and releases every stall. */
    public synchronized Link clear() {
        release();
        snapshot = new Snapshot(0, null, List.of(), List.of(), releases);
        return this;
    }

    /** Returns the bytes this link has written to receivers, over all connections. */
    public long bytesForwarded() {
        return forwarded.get();
    }

    @Override
    public String toString() {
        return "Link[" + direction + ", " + forwarded.get() + " bytes forwarded]";
    }

    Snapshot snapshot() {
        return snapshot;
    }

    void addForwarded(int bytes) {
        forwarded.addAndGet(bytes);
    }

    /** Blocks while {@link #stall()} holds, until released or {@code stop} is true. */
    void awaitUnstalled(BooleanSupplier stop) throws InterruptedException {
        synchronized (this) {
            while (stalled && !stop.getAsBoolean()) {
                wait(POLL_MILLIS);
            }
        }
    }

    /** Blocks until a release newer than {@code seen}, or until {@code stop} is true. */
    void awaitRelease(long seen, BooleanSupplier stop) throws InterruptedException {
        synchronized (this) {
            while (releases == seen && !stop.getAsBoolean()) {
                wait(POLL_MILLIS);
            }
        }
    }

    /** Wakes every pump waiting here, so it sees that its connection closed. */
    synchronized void wakeAll() {
        notifyAll();
    }

    private synchronized Link trip(Trip trip) {
        snapshot = snapshot.withTrip(trip);
        return this;
    }

    private synchronized Link byteFault(ByteFault fault) {
        snapshot = snapshot.withByteFault(fault);
        return this;
    }

    /**
     * The faults of a link at one moment; a pump reads one per chunk.
     *
     * @param latencyNanos the delay before each chunk
     * @param bucket the bandwidth cap, or null
     * @param byteFaults rewrites, applied in the order they were set
     * @param trips cuts, resets and stalls
     * @param releases how many times the link was released when this was taken
     */
    record Snapshot(long latencyNanos, TokenBucket bucket, List<ByteFault> byteFaults, List<Trip> trips,
            long releases) {
        static final Snapshot NONE = new Snapshot(0, null, List.of(), List.of(), 0);

        Snapshot withLatency(long nanos) {
            return new Snapshot(nanos, bucket, byteFaults, trips, releases);
        }

        Snapshot withBucket(TokenBucket newBucket) {
            return new Snapshot(latencyNanos, newBucket, byteFaults, trips, releases);
        }

        Snapshot withTrip(Trip trip) {
            return new Snapshot(latencyNanos, bucket, byteFaults, append(trips, trip), releases);
        }

        Snapshot withByteFault(ByteFault fault) {
            return new Snapshot(latencyNanos, bucket, append(byteFaults, fault), trips, releases);
        }

        Snapshot withoutStallTrips(long newReleases) {
            List<Trip> kept = trips.stream().filter(t -> t.kind() != Trip.Kind.STALL).toList();
            return new Snapshot(latencyNanos, bucket, byteFaults, kept, newReleases);
        }

        private static <T> List<T> append(List<T> list, T item) {
            List<T> copy = new ArrayList<>(list);
            copy.add(item);
            return List.copyOf(copy);
        }
    }
}
