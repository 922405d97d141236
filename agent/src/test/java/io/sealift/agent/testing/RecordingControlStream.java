package io.sealift.agent.testing;

import io.sealift.agent.control.ControlStream;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.JobResult;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A control stream that records what the job handler reports; it can play disconnected. */
public final class RecordingControlStream implements ControlStream {
    public final BlockingQueue<AgentMessage> progress = new LinkedBlockingQueue<>();
    public final BlockingQueue<JobResult> results = new LinkedBlockingQueue<>();
    private volatile boolean open = true;

    public void disconnect() {
        open = false;
    }

    @Override
    public boolean send(AgentMessage message) {
        if (!open) {
            return false;
        }
        if (message.hasResult()) {
            results.add(message.getResult());
        } else {
            progress.add(message);
        }
        return true;
    }

    /** Waits for the next result. */
    public JobResult result(Duration timeout) throws InterruptedException {
        JobResult result = results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (result == null) {
            throw new AssertionError("no job result within " + timeout);
        }
        return result;
    }
}
