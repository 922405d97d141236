package io.sealift.agent.transfer.format;

import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SealedFrame;
import javax.crypto.AEADBadTagException;

/**
 * Opens a session's sealed frames strictly in order and computes the ciphertext root as it goes.
 * A frame out of place (dropped, duplicated, reordered, replayed from another session), of the
 * wrong size, after the final one, or failing authentication ends the session with
 * {@code TAMPERED}; nothing is returned from a frame that did not authenticate.
 *
 * <p>Not thread-safe: one receiver thread owns it.
 */
public final class FrameOpener {
    private final FrameCrypto crypto;
    private final int frameSize;
    private final byte[] sealed;
    private final CiphertextRoot root = new CiphertextRoot();
    private long next;
    private byte[] finishedRoot;

    /**
     * Creates an opener of the content stream for {@code context} under {@code key}.
     *
     * @throws IllegalArgumentException if {@code frameSize} is outside {@link FrameSizes}
     */
    public FrameOpener(DataKey key, SessionContext context, int frameSize) {
        this(key, context, frameSize, SealedStream.CONTENT);
    }

    /**
     * Creates an opener of {@code stream} for {@code context} under {@code key}.
     *
     * @throws IllegalArgumentException if {@code frameSize} is outside {@link FrameSizes}
     */
    public FrameOpener(DataKey key, SessionContext context, int frameSize, SealedStream stream) {
        FrameSizes.check(frameSize);
        this.crypto = new FrameCrypto(key, context, stream);
        this.frameSize = frameSize;
        this.sealed = new byte[frameSize + FrameCrypto.TAG_LENGTH];
    }

    /**
     * Opens {@code frame} into {@code plaintext}, which must hold {@code frameSize} bytes.
     *
     * @return the number of plaintext bytes
     * @throws TransferException with {@code TAMPERED} if the frame is not the authentic next one
     */
    public int open(SealedFrame frame, byte[] plaintext) throws TransferException {
        if (finishedRoot != null) {
            throw tampered("a frame arrived after the final frame");
        }
        if (frame.getIndex() != next) {
            throw tampered("frame " + frame.getIndex() + " arrived where frame " + next + " was expected");
        }
        int length = frame.getCiphertext().size();
        int maximum = frameSize + FrameCrypto.TAG_LENGTH;
        if (frame.getLast() ? length <= FrameCrypto.TAG_LENGTH || length > maximum : length != maximum) {
            throw tampered("frame " + next + " has " + length + " sealed bytes");
        }
        frame.getCiphertext().copyTo(sealed, 0);
        int opened;
        try {
            opened = crypto.open(next, frame.getLast(), sealed, length, plaintext);
        } catch (AEADBadTagException e) {
            throw tampered("frame " + next + " failed authentication");
        }
        root.add(next, sealed, length);
        next++;
        if (frame.getLast()) {
            finishedRoot = root.finish();
        }
        return opened;
    }

    private static TransferException tampered(String detail) {
        return new TransferException(ErrorCode.TAMPERED, detail);
    }

    /** Returns how many frames were opened. */
    public long frames() {
        return next;
    }

    /** Returns whether the final frame was opened. */
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
