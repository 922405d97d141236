package io.sealift.control.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client-side observer that records what a stream delivers, for tests to await. */
public final class RecordingObserver<T> implements StreamObserver<T> {
    private static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<T> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> end = new CompletableFuture<>();

    @Override
    public void onNext(T value) {
        messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
        end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end.complete(Status.OK);
    }

    /** Waits for the next message; fails if none arrives within ten seconds. */
    public T next() {
        try {
            T message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + TIMEOUT_SECONDS + " s; stream end: " + end.getNow(null));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the stream to end and returns its status (OK when completed). */
    public Status end() {
        try {
            return end.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream did not end within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
