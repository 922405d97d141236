package io.sealift.control.grpc;

import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import io.sealift.control.config.SealiftSettings;
import io.sealift.control.grpc.auth.AgentAuthInterceptor;
import io.sealift.control.grpc.internal.UnaryDeadlineInterceptor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The agent-facing gRPC services with their server-wide rules: client-certificate authentication
 * (all methods but {@code Enrollment/Enroll}), a default deadline for unary calls and the
 * inbound message size limit.
 *
 * <p>Immutable and thread-safe. {@link #addTo} works on any {@link ServerBuilder}, so tests can run
 * the same services on a server of their own.
 */
@Singleton
public class AgentServices {
    private final List<BindableService> services;
    private final AgentAuthInterceptor authentication;
    private final UnaryDeadlineInterceptor deadline;
    private final int maxInboundMessageBytes;

    /** Collects every {@link BindableService} bean. */
    public AgentServices(List<BindableService> services, AgentAuthInterceptor authentication,
            UnaryDeadlineInterceptor deadline, SealiftSettings settings) {
        this.services = List.copyOf(services);
        this.authentication = authentication;
        this.deadline = deadline;
        this.maxInboundMessageBytes = settings.grpc().maxInboundMessageBytes();
    }

    /** Adds the services, interceptors and message size limit to {@code builder} and returns it. */
    public <B extends ServerBuilder<?>> B addTo(B builder) {
        services.forEach(builder::addService);
        // The interceptor added last runs first: the deadline covers authentication too.
        builder.intercept(authentication);
        builder.intercept(deadline);
        builder.maxInboundMessageSize(maxInboundMessageBytes);
        return builder;
    }
}
