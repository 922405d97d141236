package io.sealift.agent.transfer.format;

import io.sealift.proto.v1.TransferMessage;

/**
 * The three sealed streams of a session, all under its data key: each has its own label in the
 * associated data and its own 4-byte nonce prefix, so no frame of one can pass for a frame of
 * another and no two frames of a session share a nonce.
 */
public enum SealedStream {
    /** Sender to receiver: the manifest and the file records. */
    CONTENT("sealift.v1.frame", 0, TransferMessage.FRAME_FIELD_NUMBER),
    /** Receiver to sender, right after {@code ACCEPTED}: the resume claim. */
    CLAIM("sealift.v1.claim", 1, TransferMessage.REPLY_FIELD_NUMBER),
    /** Receiver to sender, right after {@code COMPLETED}: the receiver's outcome. */
    OUTCOME("sealift.v1.outcome", 2, TransferMessage.REPLY_FIELD_NUMBER);

    private final String label;
    private final int noncePrefix;
    private final int messageField;

    SealedStream(String label, int noncePrefix, int messageField) {
        this.label = label;
        this.noncePrefix = noncePrefix;
        this.messageField = messageField;
    }

    /** Returns the label that starts the associated data of the stream's frames. */
    String label() {
        return label;
    }

    /** Returns the first 4 bytes of the nonce of the stream's frames. */
    int noncePrefix() {
        return noncePrefix;
    }

    /** Returns the {@code TransferMessage} field the stream's frames travel in. */
    int messageField() {
        return messageField;
    }
}
