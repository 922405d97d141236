package io.sealift.agent.transfer.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.sealift.agent.transfer.format.internal.FrameMessages;

/**
 * Seals a session's plaintext stream frame by frame, numbering frames from 0, and computes the
 * ciphertext root as it goes.
 *
 * <p>Each call returns a complete serialized {@code TransferMessage} holding one
 * {@code SealedFrame}: the ciphertext is written straight into the message's byte array, which
 * is then wrapped without a copy (the array is fresh per frame and never touched again). Not
 * thread-safe: one sender thread owns it.
 */
public final class FrameSealer {
    private final FrameCrypto crypto;
    private final int messageField;
    private final int frameSize;
    private final CiphertextRoot root = new CiphertextRoot();
    private long next;
    private byte[] finishedRoot;

    /**
     * Creates a sealer of the content stream for {@code context} under {@code key}.
     *
     * @throws IllegalArgumentException if {@code frameSize} is outside {@link FrameSizes}
     */
    public FrameSealer(DataKey key, SessionContext context, int frameSize) {
        this(key, context, frameSize, SealedStream.CONTENT);
    }

    /**
     * Creates a sealer of {@code stream} for {@code context} under {@code key}.
     *
     * @throws IllegalArgumentException if {@code frameSize} is outside {@link FrameSizes}
     */
    public FrameSealer(DataKey key, SessionContext context, int frameSize, SealedStream stream) {
        FrameSizes.check(frameSize);
        this.crypto = new FrameCrypto(key, context, stream);
        this.messageField = stream.messageField();
        this.frameSize = frameSize;
    }

    /**
     * Seals the first {@code length} bytes of {@code plaintext} as the next frame.
     *
     * @param last whether this is the final frame; only the final frame may hold fewer than
     *     {@code frameSize} bytes, and it must hold at least one
     * @return the serialized {@code TransferMessage}
     * @throws IllegalStateException after the final frame, or for a frame of the wrong size
     */
    public ByteString seal(byte[] plaintext, int length, boolean last) {
        if (finishedRoot != null) {
            throw new IllegalStateException("the final frame was already sealed");
        }
        if (last ? length < 1 || length > frameSize : length != frameSize) {
            throw new IllegalStateException("a " + (last ? "final" : "non-final") + " frame cannot hold " + length
                    + " bytes with frame size " + frameSize);
        }
        long index = next++;
        int sealedLength = length + FrameCrypto.TAG_LENGTH;
        int prefix = FrameMessages.prefixLength(messageField, index, last, sealedLength);
        byte[] message = new byte[prefix + sealedLength];
        FrameMessages.writePrefix(message, prefix, messageField, index, last, sealedLength);
        crypto.seal(index, last, plaintext, length, message, prefix);
        root.add(index, message, message.length);
        if (last) {
            finishedRoot = root.finish();
        }
        return UnsafeByteOperations.unsafeWrap(message);
    }

    /** Returns how many frames were sealed. */
    public long frames() {
        return next;
    }

    /** Returns whether the final frame was sealed. */
    public boolean finished() {
        return finishedRoot != null;
    }

    /** Returns the ciphertext root; only after the final frame. */
    public byte[] root() {
        if (finishedRoot == null) {
            throw new IllegalStateException("the root exists only after the final frame");
        }
        return finishedRoot.clone();
    }
}
