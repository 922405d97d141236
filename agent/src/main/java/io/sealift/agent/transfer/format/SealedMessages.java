package io.sealift.agent.transfer.format;

import com.google.protobuf.ByteString;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.internal.ContextEncoding;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SealedFrame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seals one message (a serialized {@code ResumeClaim} or {@code ReceiverOutcome}) as a sealed
 * stream of its own, and opens it again: an 8-byte big-endian length, the message, and zero
 * padding up to a multiple of {@value #PADDING} bytes, so the relay learns the message's size
 * only to that granularity. Stateless; {@link Reader} is not thread-safe.
 */
public final class SealedMessages {
    /** Sealed message streams are padded to a multiple of this many plaintext bytes. */
    public static final int PADDING = 4096;

    private SealedMessages() {
    }

    /**
     * Returns the serialized {@code TransferMessage}s that carry {@code message} on {@code stream}.
     *
     * @throws IllegalArgumentException if {@code frameSize} is outside {@link FrameSizes}
     */
    public static List<ByteString> seal(DataKey key, SessionContext context, SealedStream stream, int frameSize,
            byte[] message) {
        FrameSealer sealer = new FrameSealer(key, context, frameSize, stream);
        long total = paddedLength(message.length);
        byte[] prefix = new byte[Long.BYTES];
        ContextEncoding.putInt64(prefix, 0, message.length);
        byte[] chunk = new byte[frameSize];
        List<ByteString> frames = new ArrayList<>();
        for (long offset = 0; offset < total; offset += frameSize) {
            int length = (int) Math.min(frameSize, total - offset);
            fill(chunk, length, offset, prefix, message);
            frames.add(sealer.seal(chunk, length, offset + length == total));
        }
        return frames;
    }

    private static long paddedLength(int messageLength) {
        long plain = Long.BYTES + (long) messageLength;
        return (plain + PADDING - 1) / PADDING * PADDING;
    }

    /** Puts the plaintext bytes from stream position {@code offset} on into {@code chunk}: length, message, zeros. */
    private static void fill(byte[] chunk, int length, long offset, byte[] prefix, byte[] message) {
        Arrays.fill(chunk, 0, length, (byte) 0);
        copy(prefix, 0, chunk, length, offset);
        copy(message, Long.BYTES, chunk, length, offset);
    }

    /** Copies what of {@code source}, at stream position {@code at}, falls into [offset, offset + length). */
    private static void copy(byte[] source, long at, byte[] chunk, int length, long offset) {
        long from = Math.max(at, offset);
        long to = Math.min(at + source.length, offset + length);
        if (from < to) {
            System.arraycopy(source, (int) (from - at), chunk, (int) (from - offset), (int) (to - from));
        }
    }

    /** Opens one sealed message frame by frame, refusing anything but exactly what {@link #seal} makes. */
    public static final class Reader {
        private final FrameOpener opener;
        private final int maxBytes;
        private final byte[] plaintext;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        /**
         * Creates a reader of {@code stream} that accepts messages of at most {@code maxBytes}.
         *
         * @throws IllegalArgumentException if {@code frameSize} is outside {@link FrameSizes}
         */
        public Reader(DataKey key, SessionContext context, SealedStream stream, int frameSize, int maxBytes) {
            this.opener = new FrameOpener(key, context, frameSize, stream);
            this.maxBytes = maxBytes;
            this.plaintext = new byte[frameSize];
        }

        /**
         * Opens the next frame.
         *
         * @throws TransferException with {@code TAMPERED} if it is not the authentic next frame or
         *     the message would exceed the limit
         */
        public void accept(SealedFrame frame) throws TransferException {
            int length = opener.open(frame, plaintext);
            if (received.size() + (long) length > paddedLength(maxBytes)) {
                throw tampered("a sealed message is larger than " + maxBytes + " bytes");
            }
            received.write(plaintext, 0, length);
        }

        /** Returns whether the final frame was opened. */
        public boolean finished() {
            return opener.finished();
        }

        /**
         * Returns the message, once the final frame was opened.
         *
         * @throws TransferException with {@code TAMPERED} if the length or the padding is wrong
         */
        public byte[] message() throws TransferException {
            byte[] all = received.toByteArray();
            if (!finished() || all.length < Long.BYTES) {
                throw tampered("a sealed message ended early");
            }
            long length = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                length = (length << 8) | (all[i] & 0xff);
            }
            if (length < 0 || length > maxBytes || paddedLength((int) length) != all.length) {
                throw tampered("a sealed message has the wrong length");
            }
            for (int i = Long.BYTES + (int) length; i < all.length; i++) {
                if (all[i] != 0) {
                    throw tampered("a sealed message has non-zero padding");
                }
            }
            return Arrays.copyOfRange(all, Long.BYTES, Long.BYTES + (int) length);
        }

        private static TransferException tampered(String detail) {
            return new TransferException(ErrorCode.TAMPERED, detail);
        }
    }
}
