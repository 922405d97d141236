package io.sealift.agent.enroll;

import java.nio.file.Path;

/** Thrown when {@code enroll} would overwrite an existing enrollment and {@code --force} is not given. */
public final class AlreadyEnrolledException extends RuntimeException {
    /** Creates the exception for the state directory {@code stateDir} and the agent in it. */
    public AlreadyEnrolledException(Path stateDir, String agentId) {
        super("already enrolled as agent " + agentId + " (state in " + stateDir
                + "); pass --force to enroll again with new keys");
    }
}
