package io.sealift.control.grpc;

import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.grpc.control.ControlStreamListener;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.Hello;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records control-stream events in tests (it replaces the logging default, which is
 * {@code @Secondary}), so a test can wait until the server finished handling a stream's end.
 */
@Singleton
public class RecordingStreamListener implements ControlStreamListener {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void opened(AuthenticatedAgent agent, Hello hello) {
        events.add("opened " + agent.agentId());
    }

    @Override
    public void received(AuthenticatedAgent agent, AgentMessage message) {
        events.add("received " + agent.agentId() + " " + message.getKindCase());
    }

    @Override
    public void closed(AuthenticatedAgent agent) {
        events.add("closed " + agent.agentId());
    }

    /** Waits up to ten seconds for {@code event} about {@code agentId}, skipping others. */
    public void await(String event, UUID agentId) {
        String wanted = event + " " + agentId;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                String next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next != null && next.startsWith(wanted)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no '" + wanted + "' event within 10 s");
    }
}
