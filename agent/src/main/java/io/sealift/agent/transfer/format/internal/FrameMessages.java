package io.sealift.agent.transfer.format.internal;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.sealift.proto.v1.SealedFrame;
import java.io.IOException;

/**
 * Writes the protobuf encoding of {@code TransferMessage{frame or reply: SealedFrame{index, last,
 * ciphertext}}} around a ciphertext that is sealed in place, so a frame is serialized without
 * copying its ciphertext. The bytes equal what the generated code writes (fields in order,
 * defaults omitted). Stateless.
 */
public final class FrameMessages {
    private FrameMessages() {
    }

    /**
     * Returns the bytes that precede a ciphertext of {@code ciphertextLength} bytes in field
     * {@code field} of a {@code TransferMessage}.
     */
    public static int prefixLength(int field, long index, boolean last, int ciphertextLength) {
        int body = bodyLength(index, last, ciphertextLength);
        return CodedOutputStream.computeTagSize(field)
                + CodedOutputStream.computeUInt32SizeNoTag(body) + body - ciphertextLength;
    }

    private static int bodyLength(long index, boolean last, int ciphertextLength) {
        int size = 0;
        if (index != 0) {
            size += CodedOutputStream.computeInt64Size(SealedFrame.INDEX_FIELD_NUMBER, index);
        }
        if (last) {
            size += CodedOutputStream.computeBoolSize(SealedFrame.LAST_FIELD_NUMBER, true);
        }
        if (ciphertextLength > 0) {
            size += CodedOutputStream.computeTagSize(SealedFrame.CIPHERTEXT_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(ciphertextLength) + ciphertextLength;
        }
        return size;
    }

    /** Writes the prefix into the first {@code prefixLength} bytes of {@code target}. */
    public static void writePrefix(byte[] target, int prefixLength, int field, long index, boolean last,
            int ciphertextLength) {
        CodedOutputStream out = CodedOutputStream.newInstance(target, 0, prefixLength);
        try {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bodyLength(index, last, ciphertextLength));
            if (index != 0) {
                out.writeInt64(SealedFrame.INDEX_FIELD_NUMBER, index);
            }
            if (last) {
                out.writeBool(SealedFrame.LAST_FIELD_NUMBER, true);
            }
            if (ciphertextLength > 0) {
                out.writeTag(SealedFrame.CIPHERTEXT_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(ciphertextLength);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("frame prefix does not fit its computed length", e);
        }
    }
}
