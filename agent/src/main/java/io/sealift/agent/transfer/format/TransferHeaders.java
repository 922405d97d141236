package io.sealift.agent.transfer.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.SignedTransferHeader;
import io.sealift.proto.v1.TransferHeader;

/**
 * Builds and signs a session's header on the sender, and verifies it on the receiver before
 * anything is decrypted. Stateless.
 */
public final class TransferHeaders {
    /** The fixed {@code purpose} of every header. */
    public static final String PURPOSE = "sealift.v1.TransferHeader";

    private static final int SHA256_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private TransferHeaders() {
    }

    /**
     * Returns the header for {@code context}, signed by the sender's identity key.
     *
     * @param wrappedKey the HPKE-wrapped data key
     * @param manifestSha256 SHA-256 of the serialized manifest
     * @param frameSize plaintext bytes per frame
     * @param receiver the receiver's fingerprint the sender checked against its pins
     * @param sender the sender's keys
     */
    public static SignedTransferHeader sign(SessionContext context, byte[] wrappedKey, byte[] manifestSha256,
            int frameSize, Fingerprint receiver, AgentKeys sender) {
        byte[] header = TransferHeader.newBuilder()
                .setPurpose(PURPOSE)
                .setJobId(context.jobId())
                .setSession(context.session())
                .setSenderAgentId(context.senderAgentId())
                .setReceiverAgentId(context.receiverAgentId())
                .setWrappedDataKey(ByteString.copyFrom(wrappedKey))
                .setManifestSha256(ByteString.copyFrom(manifestSha256))
                .setFrameSize(frameSize)
                .setReceiverFingerprint(receiver.value())
                .build()
                .toByteArray();
        return SignedTransferHeader.newBuilder()
                .setHeader(ByteString.copyFrom(header))
                .setSignature(ByteString.copyFrom(sender.sign(header)))
                .build();
    }

    /**
     * Verifies {@code signed}: first the signature by the pinned sender's identity key, then that
     * it is a header for exactly {@code expected}, addressed to this agent.
     *
     * @param sender the pinned sender
     * @param expected the job, session and agents of the assignment
     * @param self this agent's fingerprint, which the sender must have pinned
     * @return the verified header
     * @throws TransferException with {@code TAMPERED} if any check fails
     */
    public static TransferHeader verify(SignedTransferHeader signed, PinnedPeer sender, SessionContext expected,
            Fingerprint self) throws TransferException {
        if (signed.getSignature().size() != SIGNATURE_LENGTH) {
            throw tampered("the header signature has " + signed.getSignature().size() + " bytes");
        }
        sender.verify(signed.getSignature().toByteArray(), signed.getHeader().toByteArray(), "the transfer header");
        TransferHeader header = parse(signed.getHeader());
        require(PURPOSE.equals(header.getPurpose()), "the header purpose is wrong");
        require(header.getJobId().equals(expected.jobId()), "the header is for another job");
        require(header.getSession() == expected.session(), "the header is for session " + header.getSession()
                + ", not " + expected.session());
        require(header.getSenderAgentId().equals(expected.senderAgentId()), "the header names another sender");
        require(header.getReceiverAgentId().equals(expected.receiverAgentId()), "the header names another receiver");
        require(header.getReceiverFingerprint().equals(self.value()), "the sender encrypted to another key "
                + header.getReceiverFingerprint());
        require(FrameSizes.isValid(header.getFrameSize()), "the header frame size " + header.getFrameSize()
                + " is out of bounds");
        require(header.getManifestSha256().size() == SHA256_LENGTH, "the header manifest hash is malformed");
        return header;
    }

    private static TransferHeader parse(ByteString bytes) throws TransferException {
        try {
            return TransferHeader.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw tampered("the signed header is not a TransferHeader");
        }
    }

    private static void require(boolean condition, String detail) throws TransferException {
        if (!condition) {
            throw tampered(detail);
        }
    }

    private static TransferException tampered(String detail) {
        return new TransferException(ErrorCode.TAMPERED, detail);
    }
}
