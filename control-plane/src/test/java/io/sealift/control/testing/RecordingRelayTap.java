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
 * {@value #MAX_KEPT_BYTES} bytes' worth, for tests that search frames for markers. When the
 * property {@value #FILE_PROPERTY} names a file, every payload is also appended to it (each as
 * an 8-byte big-endian job-id high half, low half, session, direction ordinal, length, then the
 * bytes), so a test driving a control-plane process can scan all frames afterwards.
 */
@Singleton
public class RecordingRelayTap implements RelayTap {
    /** The system property naming a file to append every payload to. */
    public static final String FILE_PROPERTY = "sealift.test.relay-recording";
    /** The system property that, set to {@code false}, appends only each payload's header (lengths still count). */
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

    @Override
    public void onFrame(UUID jobId, long session, RelayDirection direction, ByteString payload) {
        (direction == RelayDirection.SOURCE_TO_TARGET ? toTarget : toSource).incrementAndGet();
        synchronized (this) {
            if (keptBytes + payload.size() <= MAX_KEPT_BYTES) {
                kept.add(new Frame(jobId, session, direction, payload));
                keptBytes += payload.size();
            }
            append(jobId, session, direction, payload);
        }
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
            if (!"false".equals(System.getProperty(PAYLOADS_PROPERTY))) {
                payload.writeTo(file);
            }
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
