package io.sealift.agent.transfer.session;

import io.sealift.proto.v1.SignedReceipt;

/**
 * How a session ended well on one side. Immutable.
 *
 * @param receipt the agent's signed receipt
 * @param files regular files sent or verified
 * @param bytes their bytes
 */
public record SessionOutcome(SignedReceipt receipt, long files, long bytes) {
}
