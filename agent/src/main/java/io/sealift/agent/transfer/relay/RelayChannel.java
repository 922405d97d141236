package io.sealift.agent.transfer.relay;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transport.RemoteErrors;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.RelayFrame;
import io.sealift.proto.v1.RelayGrpc;
import io.sealift.proto.v1.RelayOpen;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link TransferChannel} over one {@code Relay.Transfer} stream: sends {@code open{job_id,
 * session}} first, then each message as a {@code payload} frame, which the control plane
 * forwards to the peer agent's stream unparsed.
 *
 * <p>Flow control both ways: {@link #send} waits until gRPC says the stream is ready (its
 * outbound buffer drained below Netty's threshold), so nothing queues without bound; inbound,
 * at most {@value #INBOUND_WINDOW} messages are requested ahead of what the session has taken.
 * The stream has no deadline: it lives as long as the transfer, watched by keepalive pings and
 * ended by cancellation.
 *
 * <p>Thread-safe.
 */
public final class RelayChannel implements TransferChannel {
    /** Messages requested from the relay ahead of the session's reads. */
    static final int INBOUND_WINDOW = 4;

    private static final long READY_POLL_MILLIS = 1000;

    private final Object lock = new Object();
    private final ArrayDeque<ByteString> inbound = new ArrayDeque<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private ClientCallStreamObserver<RelayFrame> call;
    private Status end;
    private boolean halfClosed;

    private RelayChannel() {
    }

    /** Opens the relay stream for session {@code session} of job {@code jobId} on {@code channel}. */
    public static RelayChannel open(Channel channel, String jobId, long session) {
        RelayChannel relay = new RelayChannel();
        RelayGrpc.newStub(channel).transfer(relay.new Responses());
        synchronized (relay.lock) {
            relay.call.onNext(RelayFrame.newBuilder()
                    .setOpen(RelayOpen.newBuilder().setJobId(jobId).setSession(session))
                    .build());
        }
        return relay;
    }

    @Override
    public void send(ByteString message) throws TransferException, InterruptedException {
        RelayFrame frame = RelayFrame.newBuilder().setPayload(message).build();
        synchronized (lock) {
            while (end == null && !halfClosed && !call.isReady()) {
                lock.wait(READY_POLL_MILLIS);
            }
            if (end != null || halfClosed) {
                throw lost();
            }
            call.onNext(frame);
        }
    }

    @Override
    public Optional<ByteString> receive(Duration timeout) throws TransferException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inbound.isEmpty()) {
                if (end != null) {
                    throw lost();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            ByteString message = inbound.poll();
            call.request(1);
            return Optional.of(message);
        }
    }

    private TransferException lost() {
        String why = end == null ? "the agent already ended its side of the relay stream"
                : end.isOk() ? "the relay ended the stream" : "the relay stream failed: " + RemoteErrors.describe(end);
        return new TransferException(ErrorCode.CONNECTION_LOST, why);
    }

    @Override
    public void close(boolean graceful) {
        synchronized (lock) {
            if (end != null) {
                return;
            }
            if (!graceful) {
                call.cancel("the agent ended the transfer", null);
            } else if (!halfClosed) {
                halfClosed = true;
                call.onCompleted();
                lock.notifyAll();
            }
        }
    }

    /** Waits up to {@code timeout} for the stream to end; returns whether it did. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        try {
            ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the end of a relay stream failed", e);
        }
    }

    /** Runs {@code action} once the stream has ended, however it ended. */
    public void whenEnded(Runnable action) {
        ended.whenComplete((status, error) -> action.run());
    }

    /** Receives the relay's frames and stream events on gRPC threads. */
    private final class Responses implements ClientResponseObserver<RelayFrame, RelayFrame> {
        @Override
        public void beforeStart(ClientCallStreamObserver<RelayFrame> requests) {
            call = requests;
            requests.disableAutoRequestWithInitial(INBOUND_WINDOW);
            requests.setOnReadyHandler(() -> {
                synchronized (lock) {
                    lock.notifyAll();
                }
            });
        }

        @Override
        public void onNext(RelayFrame frame) {
            synchronized (lock) {
                if (frame.hasPayload()) {
                    inbound.add(frame.getPayload());
                    lock.notifyAll();
                } else {
                    call.request(1);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            finish(Status.fromThrowable(error));
        }

        @Override
        public void onCompleted() {
            finish(Status.OK);
        }

        private void finish(Status status) {
            synchronized (lock) {
                if (end == null) {
                    end = status;
                }
                lock.notifyAll();
            }
            ended.complete(status);
        }
    }
}
