package io.sealift.agent.cli;

/**
 * Where {@code run} registers what to do when the process is asked to terminate (SIGTERM,
 * SIGINT). Injected so tests can trigger the same path without a signal.
 */
@FunctionalInterface
public interface ShutdownHooks {
    /** What to do on termination: stop, and say whether something was running and stopped cleanly. */
    @FunctionalInterface
    interface StopAction {
        /** Stops the running agent; returns whether it was running. */
        boolean stop() throws InterruptedException;
    }

    /** Registers {@code action} to run when the process is asked to terminate. */
    void register(StopAction action);
}
