package io.sealift.agent.transfer.format;

import com.google.protobuf.ByteString;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.proto.v1.Receipt;
import io.sealift.proto.v1.SignedReceipt;
import io.sealift.proto.v1.TransferRole;

/**
 * Signs the receipt an agent reports at the end of a session: what it sent or verified, with the
 * ciphertext root, so an auditor can check delivery without seeing data. Stateless.
 */
public final class Receipts {
    /** The fixed {@code purpose} of every receipt. */
    public static final String PURPOSE = "sealift.v1.Receipt";

    private Receipts() {
    }

    /**
     * Returns the receipt of {@code agentId} in role {@code role}, signed by {@code keys}.
     *
     * @param files regular files sent or verified
     * @param bytes their bytes
     * @param root the ciphertext root
     */
    public static SignedReceipt sign(SessionContext context, String agentId, TransferRole role, long files,
            long bytes, byte[] root, AgentKeys keys) {
        byte[] receipt = Receipt.newBuilder()
                .setPurpose(PURPOSE)
                .setJobId(context.jobId())
                .setSession(context.session())
                .setAgentId(agentId)
                .setRole(role)
                .setFiles(files)
                .setBytes(bytes)
                .setCiphertextRoot(ByteString.copyFrom(root))
                .build()
                .toByteArray();
        return SignedReceipt.newBuilder()
                .setReceipt(ByteString.copyFrom(receipt))
                .setSignature(ByteString.copyFrom(keys.sign(receipt)))
                .build();
    }
}
