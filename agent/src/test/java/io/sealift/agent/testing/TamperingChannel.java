package io.sealift.agent.testing;

import com.google.protobuf.ByteString;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.TransferChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Wraps the sender's end of a channel and rewrites what it sends: the attacker in the middle.
 * Test-only; nothing like it ships.
 */
public final class TamperingChannel implements TransferChannel {
    /** Rewrites the {@code index}-th message sent (0 is the header) into zero or more messages. */
    @FunctionalInterface
    public interface Tamper {
        List<ByteString> apply(int index, ByteString message);

        /** Called when the sender closes gracefully; returns messages still held back. */
        default List<ByteString> flush() {
            return List.of();
        }
    }

    private final TransferChannel inner;
    private final Tamper tamper;
    private int sent;

    public TamperingChannel(TransferChannel inner, Tamper tamper) {
        this.inner = inner;
        this.tamper = tamper;
    }

    @Override
    public void send(ByteString message) throws TransferException, InterruptedException {
        for (ByteString out : tamper.apply(sent++, message)) {
            inner.send(out);
        }
    }

    @Override
    public Optional<ByteString> receive(Duration timeout) throws TransferException, InterruptedException {
        return inner.receive(timeout);
    }

    @Override
    public void close(boolean graceful) {
        if (graceful) {
            try {
                for (ByteString out : tamper.flush()) {
                    inner.send(out);
                }
            } catch (TransferException e) {
                // The peer is gone; nothing to flush to.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inner.close(graceful);
    }

    /** Returns a copy of {@code message} with byte {@code position} XORed with {@code mask}. */
    public static ByteString flip(ByteString message, int position, int mask) {
        byte[] bytes = message.toByteArray();
        bytes[position] ^= (byte) mask;
        return ByteString.copyFrom(bytes);
    }
}
