package io.sealift.control.relay;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.sealift.proto.v1.RelayFrame;
import io.sealift.proto.v1.RelayGrpc;
import io.sealift.proto.v1.RelayOpen;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One agent's side of a relay stream, as a test drives it: opens the call, sends frames
 * (optionally only while the transport is ready, as a well-behaved agent does), and reads what
 * the relay forwards, either as it comes or only as many frames as the test asks for.
 */
final class RelayPeer implements ClientResponseObserver<RelayFrame, RelayFrame> {
    private static final long TIMEOUT_SECONDS = 10;

    private final boolean manualReads;
    private final BlockingQueue<RelayFrame> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> end = new CompletableFuture<>();
    private final Object readiness = new Object();
    private ClientCallStreamObserver<RelayFrame> requests;

    private RelayPeer(boolean manualReads) {
        this.manualReads = manualReads;
    }

    /** Opens a relay call on {@code channel} and sends {@code open{jobId, session}}. */
    static RelayPeer open(ManagedChannel channel, UUID jobId, long session, boolean manualReads) {
        RelayPeer peer = start(channel, manualReads);
        peer.requests.onNext(RelayFrame.newBuilder()
                .setOpen(RelayOpen.newBuilder().setJobId(jobId.toString()).setSession(session)).build());
        return peer;
    }

    /** Opens a relay call without sending anything. */
    static RelayPeer start(ManagedChannel channel, boolean manualReads) {
        RelayPeer peer = new RelayPeer(manualReads);
        RelayGrpc.newStub(channel).transfer(peer);
        return peer;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<RelayFrame> requestStream) {
        requests = requestStream;
        if (manualReads) {
            requestStream.disableAutoRequestWithInitial(0);
        }
        requestStream.setOnReadyHandler(() -> {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        });
    }

    /** Sends a raw frame. */
    void send(RelayFrame frame) {
        requests.onNext(frame);
    }

    /** Sends {@code payload} as a payload frame. */
    void send(ByteString payload) {
        requests.onNext(RelayFrame.newBuilder().setPayload(payload).build());
    }

    /** Sends {@code payload} once the call can take it without buffering, as a flow-controlled agent does. */
    void sendWhenReady(ByteString payload) throws InterruptedException {
        while (!awaitReady(Duration.ofSeconds(TIMEOUT_SECONDS))) {
            if (end.isDone()) {
                throw new AssertionError("the relay stream ended: " + end.getNow(null));
            }
        }
        send(payload);
    }

    /** Returns whether the call can take a frame without buffering. */
    boolean isReady() {
        return requests.isReady();
    }

    /**
     * Waits until the call can take a frame without buffering, for at most {@code timeout};
     * returns whether it can.
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readiness) {
            while (!requests.isReady() && !end.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(readiness, left);
            }
        }
        return requests.isReady();
    }

    /** Asks for {@code count} more frames (manual reads only). */
    void request(int count) {
        requests.request(count);
    }

    /** Half-closes: this side sends nothing more. */
    void halfClose() {
        requests.onCompleted();
    }

    /** Cancels the call, as an agent that gives up does. */
    void cancel() {
        requests.cancel("test cancels", null);
    }

    @Override
    public void onNext(RelayFrame frame) {
        received.add(frame);
    }

    @Override
    public void onError(Throwable t) {
        end.complete(Status.fromThrowable(t));
        wakeUp();
    }

    @Override
    public void onCompleted() {
        end.complete(Status.OK);
        wakeUp();
    }

    private void wakeUp() {
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }

    /** Returns the next forwarded payload, waiting up to ten seconds. */
    ByteString next() throws InterruptedException {
        RelayFrame frame = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + TIMEOUT_SECONDS + " s; stream end: " + end.getNow(null));
        }
        return frame.getPayload();
    }

    /** Waits for the call to end and returns its status. */
    Status end() {
        try {
            return end.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the relay stream did not end within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Returns whether the call has ended. */
    boolean ended() {
        return end.isDone();
    }
}
