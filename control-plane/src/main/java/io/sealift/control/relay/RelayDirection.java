package io.sealift.control.relay;

/** Which way a relayed frame travels between the two agents of a job. */
public enum RelayDirection {
    /** From the source agent to the target agent: the header, sealed frames and the trailer. */
    SOURCE_TO_TARGET,
    /** From the target agent back to the source agent: the receiver's status messages and sealed replies. */
    TARGET_TO_SOURCE
}
