package io.sealift.control.grpc.auth;

import io.grpc.Context;
import io.grpc.Status;
import java.util.Objects;
import java.util.UUID;

/**
 * The agent behind the current gRPC call, as established from its verified client certificate
 * by {@link AgentAuthInterceptor}. Never taken from a message field.
 *
 * @param agentId the agent's id (its certificate's URI subjectAltName and CN)
 * @param tenantId the tenant it belongs to, from the store
 */
public record AuthenticatedAgent(UUID agentId, UUID tenantId) {
    /** The gRPC context key under which the interceptor stores the caller. */
    static final Context.Key<AuthenticatedAgent> KEY = Context.key("sealift-authenticated-agent");

    /** Checks that no part is missing. */
    public AuthenticatedAgent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /**
     * Returns the agent of the current call.
     *
     * @throws io.grpc.StatusRuntimeException UNAUTHENTICATED if the call was not authenticated
     *     (a service registered without the interceptor: a bug, refused rather than trusted)
     */
    public static AuthenticatedAgent current() {
        AuthenticatedAgent agent = KEY.get();
        if (agent == null) {
            throw Status.UNAUTHENTICATED.withDescription("a client certificate is required").asRuntimeException();
        }
        return agent;
    }

    /** Returns this agent's audit actor, {@code agent:<id>}. */
    public String actor() {
        return "agent:" + agentId;
    }
}
