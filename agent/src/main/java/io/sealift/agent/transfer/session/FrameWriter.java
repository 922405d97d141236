package io.sealift.agent.transfer.session;

import com.google.protobuf.ByteString;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.FrameSealer;
import io.sealift.agent.transfer.format.internal.ContextEncoding;
import io.sealift.agent.transfer.tree.SourceFile;
import java.util.Arrays;

/**
 * Cuts the sender's plaintext stream into frames through one reusable buffer of the frame size:
 * file contents are read straight into it, so no file is ever held whole. A full buffer is
 * sealed only when more bytes come, because only the end of the stream says which frame is the
 * final one.
 *
 * <p>Not thread-safe: the sender's thread owns it.
 */
final class FrameWriter {
    /** Where sealed frames go. */
    @FunctionalInterface
    interface FrameSink {
        void accept(ByteString frame) throws TransferException, InterruptedException;
    }

    private final FrameSealer sealer;
    private final byte[] buffer;
    private final FrameSink sink;
    private final TransferProgress progress;
    private int fill;

    FrameWriter(FrameSealer sealer, int frameSize, FrameSink sink, TransferProgress progress) {
        this.sealer = sealer;
        this.buffer = new byte[frameSize];
        this.sink = sink;
        this.progress = progress;
    }

    /** Appends {@code value} as 8 bytes big-endian. */
    void writeLong(long value) throws TransferException, InterruptedException {
        byte[] bytes = new byte[Long.BYTES];
        ContextEncoding.putInt64(bytes, 0, value);
        write(bytes);
    }

    /** Appends {@code value} as 4 bytes big-endian. */
    void writeInt(int value) throws TransferException, InterruptedException {
        write(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** Appends the low byte of {@code value}. */
    void writeByte(int value) throws TransferException, InterruptedException {
        makeRoom();
        buffer[fill++] = (byte) value;
    }

    /** Appends {@code data}. */
    void write(byte[] data) throws TransferException, InterruptedException {
        int offset = 0;
        while (offset < data.length) {
            makeRoom();
            int length = Math.min(data.length - offset, buffer.length - fill);
            System.arraycopy(data, offset, buffer, fill, length);
            fill += length;
            offset += length;
        }
    }

    /**
     * Appends exactly {@code length} bytes of {@code file} (at most what it has left), counting
     * them as sent. If reading fails, zeros make up the rest of the segment and the failure is
     * returned: a failing file never fails the session, while the channel's failures do.
     *
     * @return the file's failure, or null if all bytes were read
     */
    TransferException copySegment(SourceFile file, int length) throws TransferException, InterruptedException {
        int left = length;
        TransferException failure = null;
        while (left > 0) {
            makeRoom();
            int room = Math.min(left, buffer.length - fill);
            if (failure == null) {
                try {
                    int read = file.read(buffer, fill, room);
                    fill += read;
                    left -= read;
                    progress.addBytes(read);
                    continue;
                } catch (TransferException e) {
                    failure = e;
                }
            }
            Arrays.fill(buffer, fill, fill + room, (byte) 0);
            fill += room;
            left -= room;
        }
        return failure;
    }

    private void makeRoom() throws TransferException, InterruptedException {
        if (fill == buffer.length) {
            sink.accept(sealer.seal(buffer, fill, false));
            fill = 0;
        }
    }

    /** Seals what is buffered as the final frame. */
    void finish() throws TransferException, InterruptedException {
        sink.accept(sealer.seal(buffer, fill, true));
        fill = 0;
    }
}
