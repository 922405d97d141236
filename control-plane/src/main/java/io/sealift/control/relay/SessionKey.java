package io.sealift.control.relay;

import java.util.UUID;

/**
 * A job's transfer session: what the relay pairs streams by.
 *
 * @param jobId the job
 * @param session the session number
 */
record SessionKey(UUID jobId, long session) {

    @Override
    public String toString() {
        return "job " + jobId + " session " + session;
    }
}
