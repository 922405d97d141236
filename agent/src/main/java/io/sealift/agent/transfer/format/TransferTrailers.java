package io.sealift.agent.transfer.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SignedTransferTrailer;
import io.sealift.proto.v1.TransferTrailer;
import java.security.MessageDigest;

/** Builds and signs a session's trailer on the sender, and verifies it on the receiver. Stateless. */
public final class TransferTrailers {
    /** The fixed {@code purpose} of every trailer. */
    public static final String PURPOSE = "sealift.v1.TransferTrailer";

    private TransferTrailers() {
    }

    /** Returns the trailer: how many frames were sent and their root, signed by the sender. */
    public static SignedTransferTrailer sign(SessionContext context, long frames, byte[] root, AgentKeys sender) {
        byte[] trailer = TransferTrailer.newBuilder()
                .setPurpose(PURPOSE)
                .setJobId(context.jobId())
                .setSession(context.session())
                .setFrames(frames)
                .setCiphertextRoot(ByteString.copyFrom(root))
                .build()
                .toByteArray();
        return SignedTransferTrailer.newBuilder()
                .setTrailer(ByteString.copyFrom(trailer))
                .setSignature(ByteString.copyFrom(sender.sign(trailer)))
                .build();
    }

    /**
     * Verifies {@code signed} against what the receiver itself opened.
     *
     * @param frames the number of frames the receiver opened
     * @param root the ciphertext root the receiver computed
     * @throws TransferException with {@code TAMPERED} if the signature, the session or the counts differ
     */
    public static void verify(SignedTransferTrailer signed, PinnedPeer sender, SessionContext context, long frames,
            byte[] root) throws TransferException {
        sender.verify(signed.getSignature().toByteArray(), signed.getTrailer().toByteArray(), "the transfer trailer");
        TransferTrailer trailer;
        try {
            trailer = TransferTrailer.parseFrom(signed.getTrailer());
        } catch (InvalidProtocolBufferException e) {
            throw new TransferException(ErrorCode.TAMPERED, "the signed trailer is not a TransferTrailer");
        }
        boolean matches = PURPOSE.equals(trailer.getPurpose())
                && trailer.getJobId().equals(context.jobId())
                && trailer.getSession() == context.session()
                && trailer.getFrames() == frames
                && MessageDigest.isEqual(trailer.getCiphertextRoot().toByteArray(), root);
        if (!matches) {
            throw new TransferException(ErrorCode.TAMPERED, "the trailer does not match the " + frames
                    + " frames received");
        }
    }
}
