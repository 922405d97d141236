package io.sealift.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.sealift.agent.config.ReconnectPolicy;
import io.sealift.agent.state.ConnectionStatus;
import io.sealift.agent.state.ConnectionStatus.State;
import io.sealift.agent.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ControlLoopTest {
    private static final String AGENT = "agent-1";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<Long> sleeps = new ArrayList<>();

    /** Sessions that end as scripted, welcoming the agent first when the script says so. */
    private static final class ScriptedSessions implements ControlSessions {
        final Deque<SessionEnd> script;
        int opened;

        ScriptedSessions(SessionEnd... ends) {
            this.script = new ArrayDeque<>(List.of(ends));
        }

        @Override
        public ControlSession open(Consumer<String> onWelcome) {
            opened++;
            SessionEnd end = script.isEmpty() ? failed() : script.removeFirst();
            if (end.welcomed()) {
                onWelcome.accept(AGENT);
            }
            return new ControlSession() {
                @Override
                public SessionEnd awaitEnd() {
                    return end;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static SessionEnd failed() {
        return new SessionEnd(false, false, Status.UNAVAILABLE, "UNAVAILABLE: connection refused");
    }

    private static SessionEnd stable() {
        return new SessionEnd(true, true, Status.UNAVAILABLE, "UNAVAILABLE: the control plane went away");
    }

    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** A sleeper that records delays and reports a stop after {@code sleepsBeforeStop} of them. */
    private Sleeper recordingSleeper(int sleepsBeforeStop) {
        return (delay, wake) -> {
            sleeps.add(delay.toMillis());
            clock.advance(delay);
            return sleeps.size() >= sleepsBeforeStop;
        };
    }

    private ControlLoop loop(ControlSessions sessions, Sleeper sleeper) {
        return new ControlLoop(sessions, new Backoff(ReconnectPolicy.DEFAULT, HIGHEST), sleeper, clock,
                "cp.example.com:7443", AGENT, statuses::add);
    }

    @Test
    void run_reconnectsWithBackoff_andResetsItAfterAStableConnection() throws InterruptedException {
        ScriptedSessions sessions = new ScriptedSessions(failed(), failed(), failed(), stable(), failed());

        loop(sessions, recordingSleeper(5)).run();

        assertEquals(List.of(500L, 1000L, 2000L, 500L, 1000L), sleeps);
        assertEquals(5, sessions.opened);
        assertEquals(State.STOPPED, statuses.get(statuses.size() - 1).state());
    }

    @Test
    void run_recordsConnectedAndDisconnectedStates() throws InterruptedException {
        loop(new ScriptedSessions(stable()), recordingSleeper(1)).run();

        List<State> states = statuses.stream().map(ConnectionStatus::state).toList();
        assertEquals(List.of(State.CONNECTING, State.CONNECTED, State.DISCONNECTED, State.STOPPED), states);
        ConnectionStatus disconnected = statuses.get(2);
        assertEquals(Optional.of("UNAVAILABLE: the control plane went away"), disconnected.lastError());
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), disconnected.lastConnectedAt());
        assertEquals("cp.example.com:7443", disconnected.controlPlane());
    }

    @Test
    void run_whenRevoked_throwsAndRecordsIt() {
        SessionEnd revoked = new SessionEnd(false, false, Status.PERMISSION_DENIED.withDescription("agent revoked"),
                "PERMISSION_DENIED: agent revoked");

        AgentRevokedException e = assertThrows(AgentRevokedException.class,
                () -> loop(new ScriptedSessions(revoked), recordingSleeper(99)).run());

        assertEquals("agent agent-1 was revoked by the control plane (agent revoked)", e.getMessage());
        assertEquals(State.REVOKED, statuses.get(statuses.size() - 1).state());
        assertTrue(sleeps.isEmpty(), "no reconnect after revocation");
    }

    @Test
    void stop_endsTheOpenSession_andRunReturns() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CompletableFuture<SessionEnd> end = new CompletableFuture<>();
        ControlSessions blocking = onWelcome -> {
            opened.countDown();
            return new ControlSession() {
                @Override
                public SessionEnd awaitEnd() throws InterruptedException {
                    try {
                        return end.get();
                    } catch (ExecutionException e) {
                        throw new AssertionError(e);
                    }
                }

                @Override
                public void close() {
                    end.complete(new SessionEnd(true, true, Status.CANCELLED, "the agent is stopping"));
                }
            };
        };
        ControlLoop loop = loop(blocking, Sleeper.real());
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(opened.await(10, TimeUnit.SECONDS));

        assertTrue(loop.stop(Duration.ofSeconds(10)), "it was running");

        run.get(10, TimeUnit.SECONDS);
        assertEquals(State.STOPPED, statuses.get(statuses.size() - 1).state());
        assertEquals(false, loop.stop(Duration.ofSeconds(1)), "a second stop finds nothing running");
    }

    @Test
    void statusSinkFailure_doesNotStopTheLoop() throws InterruptedException {
        ControlLoop loop = new ControlLoop(new ScriptedSessions(failed()), new Backoff(ReconnectPolicy.DEFAULT, HIGHEST),
                recordingSleeper(2), clock, "cp:1", AGENT, status -> {
                    throw new IllegalStateException("disk full");
                });

        loop.run();

        assertEquals(2, sleeps.size());
    }
}
