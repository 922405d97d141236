package io.sealift.agent.transfer.session;

import io.sealift.proto.v1.SignedReceipt;

/**
 * How a session ended well on one side. Immutable (the results are handed over complete).
 *
 * @param receipt the agent's signed receipt: the job's files and bytes in place, and this
 *     session's ciphertext root
 * @param results what became of each regular file
 */
public record SessionOutcome(SignedReceipt receipt, FileResults results) {
    /** Returns the job's regular files in place at the end of the session. */
    public long files() {
        return results.filesDone();
    }

    /** Returns their bytes. */
    public long bytes() {
        return results.bytesDone();
    }
}
