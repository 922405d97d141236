package io.sealift.agent.control;

import io.grpc.ManagedChannel;
import io.sealift.proto.v1.Hello;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Opens control streams over gRPC, each on a fresh channel so that the reconnect loop's backoff
 * is the only one in play (a reused channel adds its own). Thread-safe.
 */
public final class GrpcControlSessions implements ControlSessions {
    private final Supplier<ManagedChannel> channels;
    private final AgentDeclaration declaration;
    private final JobHandler jobs;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    /**
     * Creates the factory.
     *
     * @param channels makes a new mutual-TLS channel to the control plane per stream
     * @param declaration what each Hello says
     * @param jobs receives job assignments and cancellations
     * @param clock the clock for heartbeat bookkeeping
     * @param scheduler runs heartbeat and Welcome timers; owned by the caller
     */
    public GrpcControlSessions(Supplier<ManagedChannel> channels, AgentDeclaration declaration, JobHandler jobs,
            Clock clock, ScheduledExecutorService scheduler) {
        this.channels = channels;
        this.declaration = declaration;
        this.jobs = jobs;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public ControlSession open(Consumer<String> onWelcome) {
        GrpcControlSession session = new GrpcControlSession(channels.get(), jobs, clock, scheduler, onWelcome);
        session.start(hello());
        return session;
    }

    Hello hello() {
        return Hello.newBuilder()
                .setVersion(declaration.version())
                .addAllSourceNames(declaration.sourceNames())
                .addAllTargetNames(declaration.targetNames())
                .addAllActiveJobIds(jobs.activeJobIds())
                .build();
    }
}
