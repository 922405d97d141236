package io.sealift.agent.control;

/** One control stream to the control plane, from Hello until it ends. */
public interface ControlSession {
    /** Blocks until the stream has ended, and says how. */
    SessionEnd awaitEnd() throws InterruptedException;

    /** Ends the stream (if still open) and releases its connection. Idempotent. */
    void close();
}
