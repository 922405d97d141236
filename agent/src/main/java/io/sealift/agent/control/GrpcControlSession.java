package io.sealift.agent.control;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.sealift.agent.transport.RemoteErrors;
import io.sealift.proto.v1.AgentControlGrpc;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.Heartbeat;
import io.sealift.proto.v1.Hello;
import io.sealift.proto.v1.Welcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One {@code AgentControl.Connect} stream on its own channel: sends Hello, waits for Welcome,
 * then heartbeats at the interval the control plane asks for, and ends the stream itself when
 * Welcome or heartbeat acknowledgements stop coming. Job messages go to the {@link JobHandler}.
 *
 * <p>The stream has no deadline: it is meant to live for days, and its liveness is checked by
 * heartbeats and TCP keepalive instead. Thread-safe.
 */
final class GrpcControlSession implements ControlSession, ControlStream, ClientResponseObserver<AgentMessage, ControlMessage> {
    /** The heartbeat interval when the control plane does not say. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** How long to wait for Welcome after Hello. */
    static final Duration WELCOME_TIMEOUT = DEFAULT_INTERVAL.multipliedBy(HeartbeatMonitor.MISSED_INTERVALS);

    private static final Logger LOG = Logger.getLogger(GrpcControlSession.class.getName());
    private static final int MAX_INTERVAL_SECONDS = 300;

    private final ManagedChannel channel;
    private final JobHandler jobs;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> onWelcome;
    private final CompletableFuture<SessionEnd> end = new CompletableFuture<>();
    private final Object lock = new Object();
    private ClientCallStreamObserver<AgentMessage> requests;
    private HeartbeatMonitor monitor;
    private ScheduledFuture<?> timer;

    GrpcControlSession(ManagedChannel channel, JobHandler jobs, Clock clock, ScheduledExecutorService scheduler,
            Consumer<String> onWelcome) {
        this.channel = channel;
        this.jobs = jobs;
        this.clock = clock;
        this.scheduler = scheduler;
        this.onWelcome = onWelcome;
    }

    /** Opens the stream, sends {@code hello} and starts waiting for Welcome. */
    void start(Hello hello) {
        AgentControlGrpc.newStub(channel).connect(this);
        synchronized (lock) {
            if (monitor == null && !end.isDone()) {
                timer = scheduler.schedule(this::welcomeOverdue, WELCOME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        send(AgentMessage.newBuilder().setHello(hello).build());
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
        this.requests = requestStream;
    }

    @Override
    public void onNext(ControlMessage message) {
        switch (message.getKindCase()) {
            case WELCOME -> welcome(message.getWelcome());
            case HEARTBEAT_ACK -> heartbeats().ifPresent(m -> m.onAck(message.getHeartbeatAck().getSequence()));
            case ASSIGNMENT -> jobs.onAssignment(message.getAssignment(), this);
            case CANCEL -> jobs.onCancel(message.getCancel());
            default -> LOG.fine(() -> "ignoring a control message of unknown kind " + message.getKindCase());
        }
    }

    private void welcome(Welcome welcome) {
        Duration interval = interval(welcome.getHeartbeatIntervalSeconds());
        synchronized (lock) {
            if (monitor != null || end.isDone()) {
                LOG.fine("ignoring a repeated Welcome");
                return;
            }
            monitor = new HeartbeatMonitor(clock, interval);
            if (timer != null) {
                timer.cancel(false);
            }
            timer = scheduler.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.fine(() -> "welcomed; heartbeat every " + interval.toSeconds() + " s");
        onWelcome.accept(welcome.getAgentId());
        jobs.onConnected(this);
    }

    static Duration interval(int seconds) {
        return seconds <= 0 ? DEFAULT_INTERVAL : Duration.ofSeconds(Math.min(seconds, MAX_INTERVAL_SECONDS));
    }

    private Optional<HeartbeatMonitor> heartbeats() {
        synchronized (lock) {
            return Optional.ofNullable(monitor);
        }
    }

    private void beat() {
        HeartbeatMonitor heartbeats = heartbeats().orElseThrow();
        OptionalLong sequence = heartbeats.tick();
        if (sequence.isEmpty()) {
            abort("no heartbeat acknowledgement for " + HeartbeatMonitor.MISSED_INTERVALS + " intervals");
            return;
        }
        send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSequence(sequence.getAsLong())).build());
    }

    private void welcomeOverdue() {
        if (heartbeats().isPresent()) {
            return;
        }
        abort("no Welcome from the control plane within " + WELCOME_TIMEOUT.toSeconds() + " s");
    }

    @Override
    public boolean send(AgentMessage message) {
        synchronized (lock) {
            if (end.isDone()) {
                return false;
            }
            try {
                requests.onNext(message);
                return true;
            } catch (RuntimeException e) {
                LOG.fine(() -> "could not send on the control stream: " + e);
                return false;
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        Status status = Status.fromThrowable(error);
        finish(status, RemoteErrors.describe(status));
    }

    @Override
    public void onCompleted() {
        finish(Status.OK, "the control plane closed the stream");
    }

    private void abort(String reason) {
        synchronized (lock) {
            if (finish(Status.CANCELLED.withDescription(reason), reason)) {
                requests.cancel(reason, null);
            }
        }
    }

    private boolean finish(Status status, String reason) {
        synchronized (lock) {
            boolean stable = monitor != null && monitor.acknowledgedAny();
            boolean first = end.complete(new SessionEnd(monitor != null, stable, status, reason));
            if (timer != null) {
                timer.cancel(false);
            }
            return first;
        }
    }

    @Override
    public SessionEnd awaitEnd() throws InterruptedException {
        try {
            return end.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("session future failed", e);
        }
    }

    @Override
    public void close() {
        abort("the agent is stopping");
        channel.shutdownNow();
    }
}
