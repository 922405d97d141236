package io.sealift.agent.state;

import java.nio.file.Path;

/** Thrown when a command needs an enrolled agent but the state directory holds none. */
public final class NotEnrolledException extends StateException {
    /** Creates the exception for the state directory {@code stateDir}. */
    public NotEnrolledException(Path stateDir) {
        super("agent is not enrolled (no " + StateDir.AGENT_FILE + " in " + stateDir
                + "); run: sealift-agent enroll --config FILE --token-file FILE");
    }
}
