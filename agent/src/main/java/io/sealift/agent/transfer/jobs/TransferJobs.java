package io.sealift.agent.transfer.jobs;

import io.sealift.agent.control.ControlStream;
import io.sealift.agent.control.JobHandler;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.TransferRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The agent's {@link JobHandler} for transfers: runs each assignment as a {@link TransferJob} on
 * its own thread, so the control stream keeps heartbeating, and routes cancellations to it.
 *
 * <p>Jobs are keyed by job id and role (one agent may be both ends of a job). A repeated
 * assignment of a running session is ignored; an assignment of a newer session cancels the
 * running one and starts once it has stopped (they share the job's journal). Thread-safe;
 * callbacks never block.
 */
public final class TransferJobs implements JobHandler {
    private static final Logger LOG = Logger.getLogger(TransferJobs.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** How long a newer session of a job waits for the one it supersedes to stop. */
    private static final Duration SUPERSEDE_WAIT = Duration.ofSeconds(60);

    private final JobSetup setup;
    private final ReportSender reports = new ReportSender();
    private final Map<String, TransferJob> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sealift-job-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Creates the handler. */
    public TransferJobs(JobSetup setup) {
        this.setup = setup;
    }

    @Override
    public List<String> activeJobIds() {
        return running.values().stream().map(job -> job.assignment().getJobId()).distinct().sorted().toList();
    }

    @Override
    public void onConnected(ControlStream stream) {
        reports.connected(stream);
    }

    @Override
    public synchronized void onAssignment(JobAssignment assignment, ControlStream stream) {
        reports.offer(stream);
        String key = assignment.getJobId() + "/" + assignment.getRole();
        TransferJob existing = running.get(key);
        if (existing != null && existing.assignment().getSession() == assignment.getSession()) {
            LOG.fine(() -> "job " + assignment.getJobId() + " session " + assignment.getSession() + " is already running");
            return;
        }
        if (!wellFormed(assignment)) {
            LOG.warning(() -> "refusing a malformed assignment (session " + assignment.getSession() + ", role "
                    + assignment.getRole() + ")");
            reports.result(JobReports.failed(assignment, ErrorCode.INTERNAL, false, new TransferProgress().snapshot()));
            return;
        }
        if (existing != null) {
            LOG.info(() -> "job " + assignment.getJobId() + " session " + assignment.getSession()
                    + " supersedes session " + existing.assignment().getSession());
            existing.cancel();
        }
        TransferJob job = new TransferJob(assignment, setup, reports);
        running.put(key, job);
        try {
            threads.execute(() -> {
                try {
                    if (existing == null || awaitSuperseded(existing)) {
                        job.run();
                    } else {
                        reports.result(JobReports.failed(assignment, ErrorCode.INTERNAL, true,
                                new TransferProgress().snapshot()));
                    }
                } finally {
                    running.remove(key, job);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(key, job);
            LOG.fine(() -> "not starting job " + assignment.getJobId() + ": the agent is stopping");
        }
    }

    /**
     * Waits for a superseded session to leave the job's journal and temporary files alone;
     * returns false (the newer session does not start, and fails retryably) if it has not within
     * the timeout.
     */
    private static boolean awaitSuperseded(TransferJob older) {
        try {
            if (older.awaitEnded(SUPERSEDE_WAIT)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warning(() -> "job " + older.assignment().getJobId() + " session " + older.assignment().getSession()
                + " did not stop; not starting a newer session of it");
        return false;
    }

    /** Checks what the agent uses in file names, log lines and key bindings; the control plane is not trusted. */
    private static boolean wellFormed(JobAssignment assignment) {
        return TransferJournal.isValidJobId(assignment.getJobId())
                && assignment.getSession() >= 1
                && AGENT_ID.matcher(assignment.getPeerAgentId()).matches()
                && (assignment.getRole() == TransferRole.TRANSFER_ROLE_SOURCE
                        || assignment.getRole() == TransferRole.TRANSFER_ROLE_TARGET);
    }

    /**
     * Ends job {@code cancel}'s sessions for good and, on a target, removes the temporary files
     * its journal kept for a resume, also when no session of the job is running (it may have
     * ended retryably just before, or the agent restarted since): once the running session, if
     * any, has ended, on the jobs' threads. The control plane sends {@code CancelJob} only for a
     * job that is over and never assigns it again.
     */
    @Override
    public synchronized void onCancel(CancelJob cancel) {
        String jobId = cancel.getJobId();
        if (!TransferJournal.isValidJobId(jobId)) {
            LOG.warning("ignoring a CancelJob whose job id is not usable as a file name");
            return;
        }
        TransferJob target = null;
        for (TransferJob job : running.values()) {
            if (job.assignment().getJobId().equals(jobId)) {
                job.cancelForGood();
                if (job.assignment().getRole() == TransferRole.TRANSFER_ROLE_TARGET) {
                    target = job;
                }
            }
        }
        TransferJob ending = target;
        try {
            threads.execute(() -> {
                try {
                    if (ending != null && !ending.awaitEnded(SUPERSEDE_WAIT)) {
                        LOG.warning(() -> "job " + jobId + " did not stop; its kept temporary files stay until the"
                                + " next job into that target");
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                KeptTemps.discard(setup, jobId);
            });
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> "not discarding the kept files of job " + jobId + ": the agent is stopping");
        }
    }

    /**
     * Cancels every running job and waits up to {@code timeout} for them to clean up, as the
     * agent stops.
     */
    public void shutdown(Duration timeout) throws InterruptedException {
        running.values().forEach(TransferJob::cancel);
        threads.shutdown();
        if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warning("transfer jobs did not stop within " + timeout.toSeconds() + " s");
        }
    }
}
