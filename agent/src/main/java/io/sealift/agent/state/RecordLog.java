package io.sealift.agent.state;

import io.sealift.agent.state.internal.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * An append-only file of checksummed records in the state directory, safe against crashes at
 * any point: each record is {@code length (4 bytes) | CRC32C (4 bytes) | payload}, the checksum
 * covering the length and the payload. Opening reads records up to the first one that is torn
 * (cut short, or its checksum fails), cuts the file back to the records before it, and appends
 * after them; so a write torn by a crash or a power cut loses that record and whatever followed,
 * never more, and is never read as something else.
 *
 * <p>{@link #append} is one {@code write}: it survives the process being killed, and
 * {@link #sync} makes everything appended so far survive a power cut. {@link #rewrite} replaces
 * the whole file atomically (temporary file, fsync, rename). Files are 0600.
 *
 * <p>Not thread-safe: one owner at a time. Close it.
 */
public final class RecordLog implements AutoCloseable {
    /** The largest payload a record may have. */
    public static final int MAX_RECORD = 1 << 20;

    private static final Logger LOG = Logger.getLogger(RecordLog.class.getName());
    private static final int HEADER = 8;

    private final Path file;
    private FileChannel channel;

    private RecordLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens {@code file}, creating it (and its directory, 0700) if missing, and hands each intact
     * record's payload to {@code reader} in order.
     *
     * @throws StateException if the file cannot be read or written
     */
    public static RecordLog open(Path file, Consumer<byte[]> reader) {
        try {
            PrivateFiles.ensureDirectory(file.getParent());
            long intact = read(file, reader);
            FileChannel channel = PrivateFiles.openForAppend(file);
            if (channel.size() > intact) {
                LOG.warning(() -> "cutting a torn record off the end of " + file + " at byte " + intact);
                channel.truncate(intact);
                channel.force(false);
            }
            channel.position(intact);
            return new RecordLog(file, channel);
        } catch (IOException e) {
            throw new StateException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the intact records of {@code file}; returns the length they span. */
    private static long read(Path file, Consumer<byte[]> reader) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link");
        }
        long intact = 0;
        try (InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024))) {
            while (true) {
                byte[] payload = next(in);
                if (payload == null) {
                    return intact;
                }
                reader.accept(payload);
                intact += HEADER + payload.length;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Returns the next intact payload, or null at the end or at a torn record. */
    private static byte[] next(DataInputStream in) throws IOException {
        try {
            int length = in.readInt();
            int checksum = in.readInt();
            if (length < 0 || length > MAX_RECORD) {
                return null;
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            return checksum(length, payload) == checksum ? payload : null;
        } catch (EOFException e) {
            return null;
        }
    }

    private static int checksum(int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Returns the record that holds {@code payload}: length, checksum, payload. */
    private static ByteBuffer frame(byte[] payload) {
        if (payload.length > MAX_RECORD) {
            throw new IllegalArgumentException("Invalid record size " + payload.length + "; at most " + MAX_RECORD);
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        record.putInt(payload.length).putInt(checksum(payload.length, payload)).put(payload).flip();
        return record;
    }

    /**
     * Appends one record, in a single write; not flushed to disk.
     *
     * @throws StateException if it cannot be written
     */
    public void append(byte[] payload) {
        ByteBuffer record = frame(payload);
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
        } catch (IOException e) {
            throw new StateException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Flushes every record appended so far to disk.
     *
     * @throws StateException if that fails
     */
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new StateException("cannot flush " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Atomically replaces the whole file with {@code payloads}, flushed, and appends after them.
     *
     * @throws StateException if that fails; the file then still holds its old records
     */
    public void rewrite(Iterable<byte[]> payloads) {
        try {
            PrivateFiles.write(file, out -> {
                for (byte[] payload : payloads) {
                    ByteBuffer record = frame(payload);
                    out.write(record.array(), 0, record.limit());
                }
            });
            FileChannel fresh = PrivateFiles.openForAppend(file);
            fresh.position(fresh.size());
            channel.close();
            channel = fresh;
        } catch (IOException e) {
            throw new StateException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing " + file + " failed: " + e);
        }
    }
}
