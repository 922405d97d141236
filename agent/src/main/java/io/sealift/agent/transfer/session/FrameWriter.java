package io.sealift.agent.transfer.session;

import com.google.protobuf.ByteString;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.FrameSealer;
import io.sealift.agent.transfer.format.internal.ContextEncoding;
import io.sealift.agent.transfer.tree.SourceFile;

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

    /** Appends the rest of {@code file}, counting its bytes as sent. */
    void copy(SourceFile file) throws TransferException, InterruptedException {
        while (file.remaining() > 0) {
            makeRoom();
            int read = file.read(buffer, fill, buffer.length - fill);
            fill += read;
            progress.addBytes(read);
        }
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
