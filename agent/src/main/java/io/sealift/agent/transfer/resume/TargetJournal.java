package io.sealift.agent.transfer.resume;

import io.sealift.agent.state.RecordLog;
import io.sealift.agent.state.StateException;
import io.sealift.proto.v1.ManifestEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The receiver's journal of one job, {@code <jobDir>/target.journal}: a {@link RecordLog} of
 * what the target holds, read back into a {@link ResumeState} when a session starts.
 *
 * <p>Two kinds of record; the last one for a path wins:
 * <ul>
 *   <li>{@code TEMP}: a temporary file holds the verified first {@code verified} bytes of a file
 *       (or all of them, {@code complete}). Appended only after those bytes were flushed to
 *       disk; not flushed itself, since losing it only means sending those bytes again.
 *   <li>{@code PLACED}: the job puts, or has put, something under its final name. Appended and
 *       flushed ({@link #sync}) before it is created, so after a crash everything of the job's
 *       in the target is known to be the job's.
 * </ul>
 * Payloads: a type byte, then strings as 4-byte length + UTF-8 and integers as 8 bytes
 * big-endian: {@code TEMP path size mtime name verified complete} and
 * {@code PLACED path kind size mtime}. A record that does not decode ends the readable journal
 * like a torn one.
 *
 * <p>Not thread-safe: the receiver's thread owns it. Close it.
 */
public final class TargetJournal implements AutoCloseable {
    /** The journal's file name in the job's directory. */
    public static final String FILE_NAME = "target.journal";

    private static final Logger LOG = Logger.getLogger(TargetJournal.class.getName());
    private static final int TEMP = 1;
    private static final int PLACED = 2;

    private final RecordLog log;
    private final ResumeState state;

    private TargetJournal(RecordLog log, ResumeState state) {
        this.log = log;
        this.state = state;
    }

    /**
     * Opens the journal in {@code jobDir} (created if missing) and reads what it holds.
     *
     * @throws StateException if it cannot be read or written
     */
    public static TargetJournal open(Path jobDir) {
        ResumeState state = new ResumeState();
        boolean[] broken = new boolean[1];
        RecordLog log = RecordLog.open(jobDir.resolve(FILE_NAME), payload -> {
            if (!broken[0] && !decode(payload, state)) {
                broken[0] = true;
            }
        });
        TargetJournal journal = new TargetJournal(log, state);
        if (broken[0]) {
            LOG.warning(() -> "a record of " + jobDir.resolve(FILE_NAME) + " does not decode; it and what follows are ignored");
            journal.compact();
        }
        return journal;
    }

    /** Returns what the journal says the target holds; it follows every record written. */
    public ResumeState state() {
        return state;
    }

    /** Records that temporary file {@code temp} holds what it says; its bytes must already be flushed. */
    public void recordTemp(ResumeState.Temp temp) {
        log.append(tempRecord(temp));
        state.put(temp);
    }

    /** Records that the job puts {@code placed} in place; {@link #sync} before creating it. */
    public void recordPlaced(ResumeState.Placed placed) {
        log.append(placedRecord(placed));
        state.put(placed);
    }

    /** Forgets the temporary file of {@code path} (it was removed); not recorded until the next {@link #compact}. */
    public void forgetTemp(String path) {
        state.removeTemp(path);
    }

    /** Forgets every temporary file and rewrites the journal with what was placed only. */
    public void forgetTemps() {
        state.clearTemps();
        compact();
    }

    /**
     * Drops from the state what {@code root} no longer holds ({@link ResumeState#reconcile}) and
     * rewrites the journal to match.
     */
    public void reconcile(Path root) {
        state.reconcile(root);
        compact();
    }

    /** Flushes every record to disk. */
    public void sync() {
        log.sync();
    }

    /** Rewrites the journal atomically with exactly the current state. */
    public void compact() {
        List<ResumeState.Placed> placed = List.copyOf(state.placedPaths());
        List<ResumeState.Temp> temps = List.copyOf(state.temps());
        log.rewrite(() -> Stream.concat(placed.stream().map(TargetJournal::placedRecord),
                temps.stream().map(TargetJournal::tempRecord)).iterator());
    }

    @Override
    public void close() {
        log.close();
    }

    private static byte[] tempRecord(ResumeState.Temp temp) {
        return encode(out -> {
            out.writeByte(TEMP);
            string(out, temp.path());
            out.writeLong(temp.size());
            out.writeLong(temp.mtimeMillis());
            string(out, temp.name());
            out.writeLong(temp.verified());
            out.writeBoolean(temp.complete());
        });
    }

    private static byte[] placedRecord(ResumeState.Placed placed) {
        return encode(out -> {
            out.writeByte(PLACED);
            string(out, placed.path());
            out.writeInt(placed.kind().getNumber());
            out.writeLong(placed.size());
            out.writeLong(placed.mtimeMillis());
        });
    }

    @FunctionalInterface
    private interface Encoder {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] encode(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoder.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Applies one record to {@code state}; returns false if it does not decode. */
    private static boolean decode(byte[] payload, ResumeState state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int type = in.readUnsignedByte();
            if (type == TEMP) {
                ResumeState.Temp temp = new ResumeState.Temp(string(in), in.readLong(), in.readLong(), string(in),
                        in.readLong(), in.readBoolean());
                if (!ResumeState.isTempName(temp.name())) {
                    return false;
                }
                state.put(temp);
            } else if (type == PLACED) {
                String path = string(in);
                ManifestEntry.Kind kind = ManifestEntry.Kind.forNumber(in.readInt());
                if (kind == null) {
                    return false;
                }
                state.put(new ResumeState.Placed(path, kind, in.readLong(), in.readLong()));
            } else {
                return false;
            }
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
