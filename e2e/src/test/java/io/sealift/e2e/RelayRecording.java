package io.sealift.e2e;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads what the control plane's {@code RecordingRelayTap} appended with
 * {@code -Dsealift.test.relay-recording.payloads=false}: one 40-byte header per forwarded
 * payload (job id high and low halves, session, direction ordinal, payload length; big-endian
 * longs), no payload bytes. Stateless.
 */
final class RelayRecording {
    /** The direction ordinal of {@code RelayDirection.SOURCE_TO_TARGET}. */
    static final long SOURCE_TO_TARGET = 0;

    private RelayRecording() {
    }

    /**
     * One forwarded payload.
     *
     * @param job the job
     * @param session the session
     * @param direction the direction ordinal
     * @param length the payload's size
     */
    record Payload(UUID job, long session, long direction, long length) {

        /** Returns whether it went from source to target in a session of {@code id}. */
        boolean toTargetOf(UUID id) {
            return job.equals(id) && direction == SOURCE_TO_TARGET;
        }
    }

    /** Returns every payload recorded in {@code file}, in the order forwarded. */
    static List<Payload> read(Path file) {
        List<Payload> payloads = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                long high;
                try {
                    high = in.readLong();
                } catch (EOFException end) {
                    return payloads;
                }
                payloads.add(new Payload(new UUID(high, in.readLong()), in.readLong(), in.readLong(), in.readLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the relay recording " + file, e);
        }
    }
}
