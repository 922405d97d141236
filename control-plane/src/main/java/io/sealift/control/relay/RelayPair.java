package io.sealift.control.relay;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.sealift.proto.v1.RelayFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The source's and the target's relay streams of one session, joined: each payload from one goes
 * to the other as is, in order, with flow control in both directions. (What goes on is what the
 * {@link RelayTap} hands back; production's forwards the received frame itself, and only a test
 * tap makes the relay rebuild a frame around other bytes.)
 *
 * <p>Flow control: a frame is requested from one side only while the other side's outbound
 * {@code isReady()}; when it is not, the other side's on-ready handler requests it later. So at
 * most one frame per direction is in the relay's hands, besides gRPC's own bounded transport
 * buffers and HTTP/2 windows, and memory per pair stays a few frames whatever the transfer's
 * size; a slow reader holds the sender back.
 *
 * <p>Ending: a half-close ends one direction only (everything that side sent has been forwarded),
 * so the other side can still answer, as the target does with its final status after the
 * source's trailer; once both sides have half-closed, both calls complete with OK. A failure or
 * cancellation of either side ends the pair at once and the other side gets CANCELLED; a
 * protocol error ends the offender with INVALID_ARGUMENT. Thread-safe.
 */
final class RelayPair {
    private final SessionKey session;
    private final RelayStream source;
    private final RelayStream target;
    private final Pump toTarget;
    private final Pump toSource;
    private final Relay relay;
    private final Clock clock;
    private final Duration progressInterval;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean sourceHalfClosed = new AtomicBoolean();
    private final AtomicBoolean targetHalfClosed = new AtomicBoolean();
    private volatile long bytesToTarget;
    private Instant lastReport;

    RelayPair(SessionKey session, RelayStream source, RelayStream target, Relay relay, Clock clock,
            Duration progressInterval) {
        this.session = session;
        this.source = source;
        this.target = target;
        this.relay = relay;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.toTarget = new Pump(source, target, RelayDirection.SOURCE_TO_TARGET);
        this.toSource = new Pump(target, source, RelayDirection.TARGET_TO_SOURCE);
        this.lastReport = clock.instant();
    }

    /** Returns the session the pair carries. */
    SessionKey session() {
        return session;
    }

    /** Returns the payload bytes forwarded from source to target so far. */
    long bytesToTarget() {
        return bytesToTarget;
    }

    /** Starts forwarding: both streams get their receiver and the first frames are requested. */
    void start() {
        source.pairedWith(this);
        target.pairedWith(this);
        toTarget.pull();
        toSource.pull();
    }

    /** Handles a frame from {@code from}. */
    void received(RelayStream from, RelayFrame frame) {
        if (frame.getKindCase() != RelayFrame.KindCase.PAYLOAD) {
            end(from, Status.INVALID_ARGUMENT.withDescription("after open, a relay stream carries only payload frames"),
                    Status.CANCELLED.withDescription("the peer agent broke the relay protocol"));
            return;
        }
        (from == source ? toTarget : toSource).forward(frame);
    }

    /** {@code side} can take more frames. */
    void readyToSend(RelayStream side) {
        (side == target ? toTarget : toSource).pull();
    }

    /**
     * {@code side} half-closed after its last frame, which has been forwarded; once the other side
     * has half-closed too, the session's streams end.
     */
    void halfClosed(RelayStream side) {
        (side == source ? sourceHalfClosed : targetHalfClosed).set(true);
        if (sourceHalfClosed.get() && targetHalfClosed.get()) {
            end(side, Status.OK, Status.OK);
        }
    }

    /** {@code side} was cancelled or failed: the other side is cancelled. */
    void aborted(RelayStream side) {
        String role = side == source ? "source" : "target";
        end(side, Status.CANCELLED, Status.CANCELLED.withDescription("the " + role
                + " agent's relay stream ended abruptly"));
    }

    /** Ends both streams with {@code status}, e.g. when the control plane ended the session. */
    void cancel(Status status) {
        end(source, status, status);
    }

    private void end(RelayStream side, Status forSide, Status forOther) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        relay.ended(this, bytesToTarget);
        RelayStream other = side == source ? target : source;
        side.close(forSide);
        other.close(forOther);
    }

    private void count(int bytes) {
        bytesToTarget += bytes;
        Instant now = clock.instant();
        if (Duration.between(lastReport, now).compareTo(progressInterval) >= 0) {
            lastReport = now;
            relay.progress(this, bytesToTarget);
        }
    }

    /** Moves frames one way, requesting the next only when the receiving side is ready. */
    private final class Pump {
        private final RelayStream from;
        private final RelayStream to;
        private final RelayDirection direction;
        private boolean requested;

        Pump(RelayStream from, RelayStream to, RelayDirection direction) {
            this.from = from;
            this.to = to;
            this.direction = direction;
        }

        /** Requests the next frame from {@code from} if none is outstanding and {@code to} is ready. */
        void pull() {
            synchronized (this) {
                if (requested || ended.get() || !to.isReady()) {
                    return;
                }
                requested = true;
            }
            from.request();
        }

        void forward(RelayFrame frame) {
            synchronized (this) {
                requested = false;
            }
            if (ended.get()) {
                return;
            }
            ByteString received = frame.getPayload();
            ByteString forwarded = relay.tap().onFrame(session.jobId(), session.session(), direction, received);
            if (direction == RelayDirection.SOURCE_TO_TARGET) {
                count(forwarded.size());
            }
            // Production's tap hands back the same instance, so the received frame goes on as is.
            RelayFrame out = forwarded == received ? frame : RelayFrame.newBuilder().setPayload(forwarded).build();
            if (to.send(out)) {
                pull();
            }
        }
    }
}
