package io.sealift.control.testing;

import com.google.protobuf.ByteString;
import io.sealift.control.relay.RelayDirection;
import io.sealift.control.relay.RelayTap;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test hook that sees what the relay forwards (test classpath only; production has
 * {@code NoRelayTap}): counts every payload per direction and keeps copies of the first
 * {@value #MAX_KEPT_BYTES} bytes' worth, for tests that search frames for markers. It forwards
 * every payload untouched ({@link TamperingRelayTap}, a subclass, does not, and records what it
 * forwards).
 *
 * <p>System properties, read at each payload:
 * <ul>
 *   <li>{@value #FILE_PROPERTY}: when it names a file, every payload is also appended to it as a
 *       record: a 40-byte header of five 8-byte big-endian numbers (job-id high half, job-id low
 *       half, session, direction ordinal, payload length), then the payload's bytes, so a test
 *       driving a control-plane process can scan all frames afterwards.
 *   <li>{@value #PAYLOADS_PROPERTY} ({@code true} or {@code false}, default {@code true}): when
 *       {@code false}, each record is the 40-byte header alone (its length field still the
 *       payload's size) and no payload bytes, so a test can count frames and bytes per job,
 *       session and direction over a large transfer cheaply.
 * </ul>
 */
@Singleton
public class RecordingRelayTap implements RelayTap {
    /** The system property naming a file to append every payload to. */
    public static final String FILE_PROPERTY = "sealift.test.relay-recording";
    /** The system property that says whether records in the file carry the payloads' bytes. */
    public static final String PAYLOADS_PROPERTY = "sealift.test.relay-recording.payloads";
    private static final long MAX_KEPT_BYTES = 16L * 1024 * 1024;

    private final List<Frame> kept = new ArrayList<>();
    private final AtomicLong toTarget = new AtomicLong();
    private final AtomicLong toSource = new AtomicLong();
    private long keptBytes;
    private OutputStream file;

    /**
     * A payload the relay forwarded.
     *
     * @param jobId the job
     * @param session the session
     * @param direction which way
     * @param payload its bytes
     */
    public record Frame(UUID jobId, long session, RelayDirection direction, ByteString payload) {
    }

    /** Records {@code payload} and returns it: forwarded untouched. */
    @Override
    public ByteString onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        (direction == RelayDirection.SOURCE_TO_TARGET ? toTarget : toSource).incrementAndGet();
        synchronized (this) {
            if (keptBytes + payload.size() <= MAX_KEPT_BYTES) {
                kept.add(new Frame(jobId, session, direction, payload));
                keptBytes += payload.size();
            }
            append(jobId, session, direction, payload);
        }
        return payload;
    }

    /** Returns how many payloads went {@code direction} since the last {@link #clear()}. */
    public long count(RelayDirection direction) {
        return (direction == RelayDirection.SOURCE_TO_TARGET ? toTarget : toSource).get();
    }

    /** Returns the payloads kept since the last {@link #clear()}, in the order seen. */
    public synchronized List<Frame> frames() {
        return List.copyOf(kept);
    }

    /** Forgets everything recorded so far. */
    public synchronized void clear() {
        kept.clear();
        keptBytes = 0;
        toTarget.set(0);
        toSource.set(0);
    }

    private static boolean withPayloads() {
        String value = System.getProperty(PAYLOADS_PROPERTY, "true");
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("Invalid " + PAYLOADS_PROPERTY + " '" + value
                    + "'; only true and false are supported");
        }
        return value.equals("true");
    }

    private void append(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        String path = System.getProperty(FILE_PROPERTY);
        if (path == null) {
            return;
        }
        try {
            if (file == null) {
                file = Files.newOutputStream(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            file.write(ByteBuffer.allocate(40).putLong(jobId.getMostSignificantBits())
                    .putLong(jobId.getLeastSignificantBits()).putLong(session).putLong(direction.ordinal())
                    .putLong(payload.size()).array());
            if (withPayloads()) {
                payload.writeTo(file);
            }
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
