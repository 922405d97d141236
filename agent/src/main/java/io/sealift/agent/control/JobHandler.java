package io.sealift.agent.control;

import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.JobAssignment;
import java.util.List;

/**
 * What the agent does with the jobs the control plane assigns over the control stream: the seam
 * where transfers plug in. Called on gRPC threads; implementations must be thread-safe and must
 * not block.
 */
public interface JobHandler {
    /** Returns the ids of jobs the agent still holds local state for, sent in each Hello. */
    List<String> activeJobIds();

    /** Takes part in the assigned job; replies go over {@code stream}. */
    void onAssignment(JobAssignment assignment, ControlStream stream);

    /** Stops the job {@code cancel} names and removes its temporary files. */
    void onCancel(CancelJob cancel);

    /**
     * Called when a new control stream was welcomed, so that reports go over the current stream,
     * and reports kept while disconnected can be sent now. Does nothing by default.
     */
    default void onConnected(ControlStream stream) {
    }
}
