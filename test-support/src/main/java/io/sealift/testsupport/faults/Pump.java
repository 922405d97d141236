package io.sealift.testsupport.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies one direction of one connection, chunk by chunk, applying its link's faults.
 *
 * <p>Runs on its own thread and is confined to it. After a cut it keeps reading and discarding,
 * so the sockets are closed only once both peers have closed, and closing sends no RST.
 */
final class Pump implements Runnable {
    private final Connection connection;
    private final Link link;
    private final Socket to;
    private final InputStream in;
    private final OutputStream out;
    private final Ticker ticker;
    private final byte[] buffer;
    private final Map<Trip, Long> tripBases = new IdentityHashMap<>();
    private final Set<Trip> fired = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<ByteFault, ByteFault.Stage> stages = new IdentityHashMap<>();
    private long offset;

    /**
     * Creates the pump, taking the sockets' streams now: once the connection is cut the output
     * stream can no longer be had, and a pump whose thread starts late must still drain.
     *
     * @throws IOException if a socket is already closed
     */
    Pump(Connection connection, Link link, Socket from, Socket to, Ticker ticker, int chunkSize)
            throws IOException {
        this.connection = connection;
        this.link = link;
        this.to = to;
        this.in = from.getInputStream();
        this.out = to.getOutputStream();
        this.ticker = ticker;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void run() {
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (connection.isOpen()) {
                    forward(n);
                } else {
                    offset += n;
                }
            }
            connection.endOfInput(to);
        } catch (IOException e) {
            if (!connection.isCut()) {
                connection.reset();
            }
        } catch (InterruptedException e) {
            connection.reset();
        } finally {
            connection.pumpEnded();
        }
    }

    private void forward(int length) throws IOException, InterruptedException {
        Link.Snapshot faults = link.snapshot();
        track(faults);
        ticker.sleep(faults.latencyNanos());
        int start = 0;
        while (start < length) {
            Trip next = null;
            int end = length;
            for (Trip trip : faults.trips()) {
                long remaining = tripBases.get(trip) + trip.after() - offset;
                if (!fired.contains(trip) && remaining <= end - start) {
                    end = start + (int) Math.max(0, remaining);
                    next = trip;
                }
            }
            emit(faults, start, end);
            offset += end - start;
            start = end;
            if (next != null && !fire(next, faults)) {
                return;
            }
        }
    }

    /** Gives faults set since the last chunk their base offset: this connection's position now. */
    private void track(Link.Snapshot faults) {
        for (Trip trip : faults.trips()) {
            tripBases.putIfAbsent(trip, offset);
        }
        for (ByteFault fault : faults.byteFaults()) {
            stages.computeIfAbsent(fault, f -> f.start(offset));
        }
    }

    /** Applies {@code trip}; returns whether this pump should go on forwarding. */
    private boolean fire(Trip trip, Link.Snapshot faults) throws InterruptedException {
        fired.add(trip);
        switch (trip.kind()) {
            case CUT -> connection.cut();
            case RESET -> connection.reset();
            case STALL -> link.awaitRelease(faults.releases(), connection::isClosed);
        }
        return connection.isOpen();
    }

    private void emit(Link.Snapshot faults, int start, int end)
            throws IOException, InterruptedException {
        byte[] data = buffer;
        int from = start;
        int length = end - start;
        if (!faults.byteFaults().isEmpty()) {
            data = rewrite(faults.byteFaults(), start, end);
            from = 0;
            length = data.length;
        }
        TokenBucket bucket = faults.bucket();
        int slice = bucket == null ? Math.max(1, length) : bucket.burst();
        for (int i = 0; i < length; i += slice) {
            int size = Math.min(slice, length - i);
            link.awaitUnstalled(connection::isClosed);
            if (bucket != null) {
                bucket.acquire(size);
            }
            if (!connection.isOpen()) {
                return;
            }
            if (!write(data, from + i, size)) {
                return;
            }
            link.addForwarded(size);
        }
    }

    /** Writes; returns false if the write failed because the connection was cut meanwhile. */
    private boolean write(byte[] data, int from, int size) throws IOException {
        try {
            out.write(data, from, size);
            return true;
        } catch (IOException e) {
            if (connection.isCut()) {
                return false;
            }
            throw e;
        }
    }

    private byte[] rewrite(List<ByteFault> faults, int start, int end) {
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream(end - start + 64);
        ByteFault.Sink sink = (at, b) -> rewritten.write(b);
        for (int i = faults.size() - 1; i >= 0; i--) {
            ByteFault.Stage stage = stages.get(faults.get(i));
            ByteFault.Sink next = sink;
            sink = (at, b) -> stage.accept(at, b, next);
        }
        for (int i = start; i < end; i++) {
            sink.accept(offset + i - start, buffer[i]);
        }
        return rewritten.toByteArray();
    }
}
