package io.sealift.control.grpc.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.sealift.proto.v1.EnrollmentGrpc;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires a verified client certificate of an enrolled, unrevoked agent on every call except
 * {@code sealift.v1.Enrollment/Enroll}, and puts the {@link AuthenticatedAgent} into the call's
 * gRPC {@link Context}.
 *
 * <p>Thread-safe. Registered server-wide, so a service added later is protected by default.
 */
@Singleton
public class AgentAuthInterceptor implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(AgentAuthInterceptor.class);
    private static final Set<String> ANONYMOUS_METHODS = Set.of(EnrollmentGrpc.getEnrollMethod().getFullMethodName());

    private final AgentAuthenticator authenticator;

    /** Creates the interceptor. */
    public AgentAuthInterceptor(AgentAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (ANONYMOUS_METHODS.contains(method)) {
            return next.startCall(call, headers);
        }
        try {
            AuthenticatedAgent agent = authenticator.authenticate(
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION), method);
            return Contexts.interceptCall(Context.current().withValue(AuthenticatedAgent.KEY, agent),
                    call, headers, next);
        } catch (StatusException e) {
            return refuse(call, e.getStatus());
        } catch (RuntimeException e) {
            LOG.error("cannot authenticate a call to {}", method, e);
            return refuse(call, Status.INTERNAL.withDescription("internal error; see the control plane's log"));
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
