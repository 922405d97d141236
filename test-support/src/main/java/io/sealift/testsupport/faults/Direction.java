package io.sealift.testsupport.faults;

/** One of the two directions bytes flow through a {@link FaultyProxy}. */
public enum Direction {
    /** From the client that dialled the proxy to the target server (upstream). */
    TO_SERVER,
    /** From the target server back to the client (downstream). */
    TO_CLIENT
}
