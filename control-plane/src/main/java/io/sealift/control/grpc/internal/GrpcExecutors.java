package io.sealift.control.grpc.internal;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Provides the scheduler of the agent-facing gRPC services: deadlines, liveness checks, revocations. */
@Factory
public class GrpcExecutors {
    /** The scheduler bean's name. */
    public static final String SCHEDULER = "sealift-grpc-scheduler";

    /**
     * A small daemon scheduler. Its tasks are short (closing a call, a liveness check) and must
     * not block, since one thread serves them all.
     */
    @Singleton
    @Named(SCHEDULER)
    @Bean(preDestroy = "shutdownNow")
    public ScheduledExecutorService scheduler() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "sealift-grpc-scheduler-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, threads);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
