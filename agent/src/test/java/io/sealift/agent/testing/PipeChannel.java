package io.sealift.agent.testing;

import com.google.protobuf.ByteString;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.proto.v1.ErrorCode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One end of an in-memory transfer channel: two bounded queues, so a slow receiver blocks the
 * sender exactly as flow control would. A graceful close ends one direction after its queued
 * messages; an abrupt close breaks both directions at once, like a cancelled call.
 */
public final class PipeChannel implements TransferChannel {
    private final Direction out;
    private final Direction in;

    private PipeChannel(Direction out, Direction in) {
        this.out = out;
        this.in = in;
    }

    /** Returns two connected ends; each direction holds at most {@code capacity} messages. */
    public static PipeChannel[] pair(int capacity) {
        Direction forward = new Direction(capacity);
        Direction backward = new Direction(capacity);
        return new PipeChannel[] {new PipeChannel(forward, backward), new PipeChannel(backward, forward)};
    }

    @Override
    public void send(ByteString message) throws TransferException, InterruptedException {
        out.put(message);
    }

    @Override
    public Optional<ByteString> receive(Duration timeout) throws TransferException, InterruptedException {
        return in.take(timeout);
    }

    @Override
    public void close(boolean graceful) {
        if (graceful) {
            out.end();
        } else {
            out.breakDown();
            in.breakDown();
        }
    }

    /** Returns whether either direction was broken by an abrupt close. */
    public boolean broken() {
        return out.isBroken() || in.isBroken();
    }

    private static final class Direction {
        private final ArrayDeque<ByteString> queue = new ArrayDeque<>();
        private final int capacity;
        private boolean ended;
        private boolean broken;

        Direction(int capacity) {
            this.capacity = capacity;
        }

        synchronized void put(ByteString message) throws TransferException, InterruptedException {
            while (queue.size() >= capacity && !broken) {
                wait();
            }
            if (broken || ended) {
                throw new TransferException(ErrorCode.CONNECTION_LOST, broken ? "pipe broken" : "pipe already ended");
            }
            queue.add(message);
            notifyAll();
        }

        synchronized Optional<ByteString> take(Duration timeout) throws TransferException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (queue.isEmpty() || broken) {
                if (broken || ended) {
                    throw new TransferException(ErrorCode.CONNECTION_LOST, broken ? "pipe broken" : "peer ended");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                wait(Math.max(1, left / 1_000_000));
            }
            ByteString message = queue.poll();
            notifyAll();
            return Optional.of(message);
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        synchronized void breakDown() {
            broken = true;
            queue.clear();
            notifyAll();
        }

        synchronized boolean isBroken() {
            return broken;
        }
    }
}
