package io.sealift.control.grpc.internal;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a unary call from a plain method: its result, its {@link StatusException}, or, for
 * anything unexpected, INTERNAL with a fixed description (the cause goes to the log, never to the
 * client: exception messages may carry details the caller must not see).
 */
public final class UnaryReplies {
    private static final Logger LOG = LoggerFactory.getLogger(UnaryReplies.class);

    private UnaryReplies() {
    }

    /** A unary call's logic. */
    @FunctionalInterface
    public interface Handler<T> {
        /** Returns the response, or throws the status to answer with. */
        T handle() throws StatusException;
    }

    /** Runs {@code handler} and completes {@code responses} with its outcome. */
    public static <T> void reply(StreamObserver<T> responses, Handler<T> handler) {
        T response;
        try {
            response = handler.handle();
        } catch (StatusException | StatusRuntimeException e) {
            responses.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("unexpected error in a gRPC call", e);
            responses.onError(Status.INTERNAL.withDescription("internal error; see the control plane's log").asException());
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
