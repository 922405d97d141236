package io.sealift.agent.testing;

import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferChannels;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An in-memory relay: the first agent to open (job, session) gets one end of a pipe, the second
 * the other end. A hook may wrap the ends to hold or tamper with messages.
 */
public final class PipeRelay implements TransferChannels {
    private final Map<String, PipeChannel> waiting = new HashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile UnaryOperator<TransferChannel> wrapper = UnaryOperator.identity();

    public void wrapWith(UnaryOperator<TransferChannel> value) {
        this.wrapper = value;
    }

    public int opened() {
        return opened.get();
    }

    @Override
    public synchronized TransferChannel open(String jobId, long session) {
        opened.incrementAndGet();
        String key = jobId + "/" + session;
        PipeChannel other = waiting.remove(key);
        if (other != null) {
            return wrapper.apply(other);
        }
        PipeChannel[] pair = PipeChannel.pair(4);
        waiting.put(key, pair[1]);
        return wrapper.apply(pair[0]);
    }
}
