package io.sealift.agent.control;

import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.JobAssignment;
import java.util.List;
import java.util.logging.Logger;

/**
 * The job handler used until transfers exist: it logs assignments and cancellations at FINE and
 * does nothing else. Thread-safe.
 */
public final class IgnoringJobHandler implements JobHandler {
    private static final Logger LOG = Logger.getLogger(IgnoringJobHandler.class.getName());

    @Override
    public List<String> activeJobIds() {
        return List.of();
    }

    @Override
    public void onAssignment(JobAssignment assignment, ControlStream stream) {
        LOG.fine(() -> "ignoring assignment of job " + assignment.getJobId() + ": transfers are not implemented yet");
    }

    @Override
    public void onCancel(CancelJob cancel) {
        LOG.fine(() -> "ignoring cancellation of job " + cancel.getJobId() + ": transfers are not implemented yet");
    }
}
