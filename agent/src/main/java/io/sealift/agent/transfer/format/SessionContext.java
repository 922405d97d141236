package io.sealift.agent.transfer.format;

import io.sealift.agent.transfer.format.internal.ContextEncoding;

/**
 * What binds every secret piece of a transfer session to that session: the job, the session
 * number and the two agents. It goes into the HPKE context info of the wrapped data key and into
 * the associated data of every frame, so nothing can be moved between jobs or sessions.
 * Immutable.
 *
 * @param jobId the job's id
 * @param session the session number, from 1
 * @param senderAgentId the source agent's id
 * @param receiverAgentId the target agent's id
 */
public record SessionContext(String jobId, long session, String senderAgentId, String receiverAgentId) {
    /** The HPKE context info label. */
    static final String DATA_KEY_LABEL = "sealift.v1.data-key";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if an id is empty or the session is below 1
     */
    public SessionContext {
        requireText(jobId, "jobId");
        requireText(senderAgentId, "senderAgentId");
        requireText(receiverAgentId, "receiverAgentId");
        if (session < 1) {
            throw new IllegalArgumentException("session must be at least 1, not " + session);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /**
     * Returns the HPKE context info: "sealift.v1.data-key", job id, session, sender id and
     * receiver id, each string length-prefixed (see {@link ContextEncoding}).
     */
    public byte[] hpkeContextInfo() {
        return new ContextEncoding()
                .string(DATA_KEY_LABEL).string(jobId).int64(session).string(senderAgentId).string(receiverAgentId)
                .toByteArray();
    }
}
