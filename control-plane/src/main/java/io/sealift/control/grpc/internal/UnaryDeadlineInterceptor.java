package io.sealift.control.grpc.internal;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives every unary call a deadline of {@link #DEFAULT_DEADLINE} when the client sent none, and
 * ends the call with DEADLINE_EXCEEDED when it passes. Streaming calls keep their own liveness
 * rules (the control stream's heartbeats).
 *
 * <p>Thread-safe. The deadline fires on the scheduler while the handler may still be working, so
 * the call is wrapped to serialize sends and close exactly once.
 */
@Singleton
public class UnaryDeadlineInterceptor implements ServerInterceptor {
    /** The deadline of a unary call whose client set none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private static final Executor DIRECT = Runnable::run;

    private final ScheduledExecutorService scheduler;
    private final Duration deadline;

    /** Creates the interceptor with {@link #DEFAULT_DEADLINE}. */
    @Inject
    public UnaryDeadlineInterceptor(@Named(GrpcExecutors.SCHEDULER) ScheduledExecutorService scheduler) {
        this(scheduler, DEFAULT_DEADLINE);
    }

    /** Creates the interceptor with {@code deadline}, for tests. */
    UnaryDeadlineInterceptor(ScheduledExecutorService scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.deadline = deadline;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY
                || Context.current().getDeadline() != null) {
            return next.startCall(call, headers);
        }
        Context.CancellableContext context = Context.current()
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS, scheduler);
        CloseOnceCall<Q, R> guarded = new CloseOnceCall<>(call);
        context.addListener(cancelled -> {
            if (cancelled.cancellationCause() instanceof TimeoutException) {
                guarded.close(Status.DEADLINE_EXCEEDED.withDescription(
                        "the call did not complete within " + deadline.toMillis() + " ms"), new Metadata());
            }
        }, DIRECT);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
                Contexts.interceptCall(context, guarded, headers, next)) {
            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    context.cancel(null);
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    context.cancel(null);
                }
            }
        };
    }

    /** A call that ignores sends after it was closed, and closes once. */
    private static final class CloseOnceCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private boolean closed;

        CloseOnceCall(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }
}
