package io.sealift.agent.control;

import io.sealift.agent.state.ConnectionStatus;
import io.sealift.agent.state.ConnectionStatus.State;
import io.sealift.agent.transport.RemoteErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Keeps the agent connected to the control plane: opens a control stream, waits for it to end,
 * and opens the next after a jittered backoff, until stopped or revoked. Records each change in
 * the connection's state through a status sink.
 *
 * <p>{@link #run()} runs on one thread; {@link #stop} may be called from any other (the
 * shutdown hook). Thread-safe in that sense.
 */
public final class ControlLoop {
    private static final Logger LOG = Logger.getLogger(ControlLoop.class.getName());

    private final ControlSessions sessions;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final String target;
    private final String agentId;
    private final Consumer<ConnectionStatus> statusSink;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ControlSession current;
    private volatile Instant lastConnectedAt;
    private State state;
    private Instant since;

    /**
     * Creates the loop.
     *
     * @param sessions opens control streams
     * @param backoff the reconnect delays
     * @param sleeper waits out the delays
     * @param clock the clock for status timestamps
     * @param target the control plane's {@code host:port}, for messages
     * @param agentId this agent's id, for messages
     * @param statusSink receives every connection state change (writes {@code status.json})
     */
    public ControlLoop(ControlSessions sessions, Backoff backoff, Sleeper sleeper, Clock clock, String target,
            String agentId, Consumer<ConnectionStatus> statusSink) {
        this.sessions = sessions;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.target = target;
        this.agentId = agentId;
        this.statusSink = statusSink;
    }

    /**
     * Runs until {@link #stop} is called.
     *
     * @throws AgentRevokedException if the control plane refuses the agent as revoked
     * @throws InterruptedException if the thread is interrupted; treated as a stop
     */
    public void run() throws InterruptedException {
        running.set(true);
        try {
            loop();
        } finally {
            finished.countDown();
        }
    }

    private void loop() throws InterruptedException {
        record(State.CONNECTING, Optional.empty());
        while (!stopping()) {
            SessionEnd end = connectOnce();
            if (stopping()) {
                break;
            }
            if (end.revoked()) {
                record(State.REVOKED, Optional.of(end.reason()));
                throw new AgentRevokedException(agentId, RemoteErrors.description(end.status()));
            }
            if (end.stable()) {
                backoff.reset();
            }
            Duration delay = backoff.next();
            LOG.info(() -> (end.welcomed() ? "disconnected from" : "could not connect to") + " control plane " + target
                    + " (" + end.reason() + "); reconnecting in " + delay.toMillis() + " ms");
            record(State.DISCONNECTED, Optional.of(end.reason()));
            if (sleeper.sleep(delay, stopRequested)) {
                break;
            }
        }
        record(State.STOPPED, Optional.empty());
        LOG.info("stopped");
    }

    private SessionEnd connectOnce() throws InterruptedException {
        ControlSession session = sessions.open(this::welcomed);
        current = session;
        try {
            if (stopping()) {
                session.close();
            }
            return session.awaitEnd();
        } finally {
            session.close();
            current = null;
        }
    }

    private void welcomed(String welcomedAs) {
        lastConnectedAt = clock.instant();
        if (!welcomedAs.equals(agentId)) {
            LOG.warning(() -> "control plane welcomed agent '" + RemoteErrors.clean(welcomedAs)
                    + "', but this agent enrolled as " + agentId);
        }
        LOG.info(() -> "connected to control plane " + target + " as agent " + agentId);
        record(State.CONNECTED, Optional.empty());
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    /**
     * Asks the loop to stop, ends the open stream, and waits up to {@code timeout} for
     * {@link #run()} to return.
     *
     * @return whether the loop was running when asked, so the caller knows it stopped it
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        boolean wasRunning = running.get() && finished.getCount() > 0;
        stopRequested.countDown();
        ControlSession session = current;
        if (session != null) {
            session.close();
        }
        if (wasRunning) {
            finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return wasRunning;
    }

    private synchronized void record(State newState, Optional<String> error) {
        Instant now = clock.instant();
        if (newState != state) {
            state = newState;
            since = now;
        }
        try {
            statusSink.accept(new ConnectionStatus(state, since, target, Optional.ofNullable(lastConnectedAt), error));
        } catch (RuntimeException e) {
            LOG.warning(() -> "cannot record the connection status: " + e.getMessage());
        }
    }
}
