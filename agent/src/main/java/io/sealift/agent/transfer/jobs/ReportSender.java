package io.sealift.agent.transfer.jobs;

import io.sealift.agent.control.ControlStream;
import io.sealift.proto.v1.AgentMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * Sends job reports over the current control stream. Progress that cannot be sent is dropped
 * (newer progress follows); results are kept, up to {@value #MAX_KEPT}, and sent when the next
 * stream is welcomed, since the control plane learns a job's end only from them.
 *
 * <p>Thread-safe.
 */
final class ReportSender {
    private static final Logger LOG = Logger.getLogger(ReportSender.class.getName());
    private static final int MAX_KEPT = 256;

    private final Deque<AgentMessage> kept = new ArrayDeque<>();
    private ControlStream stream;

    /** Makes {@code current} the stream to use and sends the results kept for it. */
    synchronized void connected(ControlStream current) {
        stream = current;
        while (!kept.isEmpty() && current.send(kept.peekFirst())) {
            kept.removeFirst();
        }
    }

    /** Uses {@code live} (a stream an assignment just came on) unless it is already the current one. */
    synchronized void offer(ControlStream live) {
        if (stream != live) {
            connected(live);
        }
    }

    /** Sends progress if a stream is open. */
    synchronized void progress(AgentMessage message) {
        if (stream != null) {
            stream.send(message);
        }
    }

    /** Sends a result now, or keeps it for the next stream. */
    synchronized void result(AgentMessage message) {
        if (stream != null && kept.isEmpty() && stream.send(message)) {
            return;
        }
        if (kept.size() == MAX_KEPT) {
            AgentMessage dropped = kept.removeFirst();
            LOG.warning(() -> "dropping the unsent result of job " + dropped.getResult().getJobId());
        }
        kept.addLast(message);
    }
}
