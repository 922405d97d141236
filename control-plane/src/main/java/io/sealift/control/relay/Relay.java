package io.sealift.control.relay;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.jobs.JobLifecycle;
import io.sealift.control.jobs.JobRole;
import io.sealift.control.jobs.JobSessionEnded;
import io.sealift.proto.v1.RelayFrame;
import io.sealift.proto.v1.RelayOpen;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay: admits each agent's stream to its job's session, pairs the source's and the
 * target's streams (the first waits up to {@code sealift.relay.pair-timeout} for the other, then
 * gets UNAVAILABLE), and lets each {@link RelayPair} forward frames between them in memory.
 *
 * <p>It persists nothing and parses no payload; it counts the payload bytes from source to target
 * and reports them to the job as progress. When the control plane ends a session
 * ({@link JobSessionEnded}: cancelled, failed, lost) both streams of that session are ended with
 * CANCELLED. Thread-safe.
 */
@Singleton
public class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final RelayAdmission admission;
    private final RelayTap tap;
    private final JobLifecycle lifecycle;
    private final RelaySettings settings;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Map<SessionKey, Waiting> waiting = new HashMap<>();
    private final Map<SessionKey, RelayPair> pairs = new ConcurrentHashMap<>();

    /** Creates the relay. */
    public Relay(RelayAdmission admission, RelayTap tap, JobLifecycle lifecycle, RelaySettings settings,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, Clock clock) {
        this.admission = admission;
        this.tap = tap;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Accepts a new relay call of {@code caller}; must run in the service method. */
    public StreamObserver<RelayFrame> accept(AuthenticatedAgent caller, ServerCallStreamObserver<RelayFrame> call) {
        return new RelayStream(caller, call, this);
    }

    /** Returns how many sessions have both streams paired right now. */
    public int pairedSessions() {
        return pairs.size();
    }

    /** Returns the tap that sees every payload and says what to forward. */
    RelayTap tap() {
        return tap;
    }

    /** A stream sent its {@code open}: admit it and pair it, or make it wait for its peer. */
    void opened(RelayStream stream, RelayOpen open) {
        RelayAdmission.Admitted admitted;
        try {
            admitted = admission.admit(stream.caller(), open);
        } catch (StatusException e) {
            stream.close(e.getStatus());
            return;
        }
        RelayPair pair = join(stream, admitted);
        if (pair != null) {
            pair.start();
            lifecycle.transferStarted(pair.session().jobId(), pair.session().session());
        }
    }

    private RelayPair join(RelayStream stream, RelayAdmission.Admitted admitted) {
        SessionKey key = admitted.session();
        synchronized (waiting) {
            if (pairs.containsKey(key)) {
                stream.close(Status.ALREADY_EXISTS.withDescription("both relay streams of " + key
                        + " are already open"));
                return null;
            }
            Waiting other = waiting.get(key);
            JobRole role = admitted.role() != null ? admitted.role()
                    : other == null ? JobRole.SOURCE : other.role().peer();
            if (other == null) {
                ScheduledFuture<?> timeout = scheduler.schedule(settings.pairTimeout(), () -> timedOut(key, stream));
                waiting.put(key, new Waiting(stream, role, timeout));
                return null;
            }
            if (other.role() == role) {
                stream.close(Status.ALREADY_EXISTS.withDescription("the " + role + " side of " + key
                        + " is already open"));
                return null;
            }
            waiting.remove(key);
            other.timeout().cancel(false);
            RelayStream source = role == JobRole.SOURCE ? stream : other.stream();
            RelayStream target = role == JobRole.SOURCE ? other.stream() : stream;
            RelayPair pair = new RelayPair(key, source, target, this, clock, settings.progressInterval());
            pairs.put(key, pair);
            return pair;
        }
    }

    private void timedOut(SessionKey key, RelayStream stream) {
        if (removeWaiting(stream)) {
            stream.close(Status.UNAVAILABLE.withDescription("the peer agent did not open its relay stream for " + key
                    + " within " + settings.pairTimeout().toMillis() + " ms"));
        }
    }

    /** A stream that was not paired ended (or was refused): forget it. */
    void abandoned(RelayStream stream) {
        removeWaiting(stream);
    }

    private boolean removeWaiting(RelayStream stream) {
        synchronized (waiting) {
            return waiting.entrySet().removeIf(entry -> {
                boolean match = entry.getValue().stream() == stream;
                if (match) {
                    entry.getValue().timeout().cancel(false);
                }
                return match;
            });
        }
    }

    /** A pair counted {@code bytes} forwarded from source to target so far. */
    void progress(RelayPair pair, long bytes) {
        try {
            lifecycle.relayed(pair.session().jobId(), pair.session().session(), bytes);
        } catch (RuntimeException e) {
            LOG.warn("cannot record relay progress of {}", pair.session(), e);
        }
    }

    /** A pair is ending: forget it and record its final byte count, before its streams are closed. */
    void ended(RelayPair pair, long bytes) {
        pairs.remove(pair.session(), pair);
        if (bytes > 0) {
            progress(pair, bytes);
        }
    }

    /** Ends both streams of a session the control plane ended. */
    @EventListener
    void onSessionEnded(JobSessionEnded event) {
        SessionKey key = new SessionKey(event.jobId(), event.session());
        Status status = Status.CANCELLED.withDescription(key + " was ended by the control plane");
        RelayPair pair = pairs.get(key);
        if (pair != null) {
            pair.cancel(status);
        }
        List<RelayStream> unpaired;
        synchronized (waiting) {
            Waiting lone = waiting.get(key);
            unpaired = lone == null ? List.of() : List.of(lone.stream());
        }
        unpaired.forEach(stream -> {
            removeWaiting(stream);
            stream.close(status);
        });
    }

    /**
     * A stream waiting for its peer.
     *
     * @param stream the stream
     * @param role its side of the session
     * @param timeout the pending pair timeout
     */
    private record Waiting(RelayStream stream, JobRole role, ScheduledFuture<?> timeout) {
    }
}
