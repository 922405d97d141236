package io.sealift.agent.transfer.jobs;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.config.SourceEndpoint;
import io.sealift.agent.config.TargetEndpoint;
import io.sealift.agent.state.StateException;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.PinnedPeer;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.report.TaskReports;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.session.FileResults;
import io.sealift.agent.transfer.session.ReceiverSession;
import io.sealift.agent.transfer.session.SenderSession;
import io.sealift.agent.transfer.session.SessionOutcome;
import io.sealift.agent.transfer.session.SourceTree;
import io.sealift.agent.transfer.session.TargetTree;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.TargetCheck;
import io.sealift.agent.transport.RemoteErrors;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.SignedReceipt;
import io.sealift.proto.v1.TransferRole;
import io.sealift.proto.v1.TransferScope;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One agent's part in one session of a job: checks the endpoint and the peer's key against the
 * local config, opens the channel to the peer, runs the sender or receiver session, reports
 * progress every interval and ends with exactly one {@code JobResult}. Details of a failure go to
 * the local log only; the control plane gets the code.
 *
 * <p>{@link #run()} runs on the job's own thread; {@link #cancel()} may be called from any.
 */
final class TransferJob {
    private static final Logger LOG = Logger.getLogger(TransferJob.class.getName());
    /** How long the relay may take to end a stream after a session ended well, before it is cancelled. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final JobAssignment assignment;
    private final JobSetup setup;
    private final ReportSender reports;
    private final TransferProgress progress = new TransferProgress();
    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final TaskReports taskReports;
    private volatile TransferChannel channel;
    private volatile boolean forGood;
    private TransferProgress.Snapshot lastReported;
    private boolean finished;

    TransferJob(JobAssignment assignment, JobSetup setup, ReportSender reports) {
        this.assignment = assignment;
        this.setup = setup;
        this.reports = reports;
        this.taskReports = new TaskReports(setup.journal());
    }

    JobAssignment assignment() {
        return assignment;
    }

    /** Runs the job to its end and reports the result. */
    void run() {
        long interval = setup.progressInterval().toMillis();
        ScheduledFuture<?> ticker = setup.scheduler().scheduleAtFixedRate(this::reportProgress, interval, interval,
                TimeUnit.MILLISECONDS);
        AgentMessage result;
        try {
            result = execute();
        } catch (TransferException e) {
            result = failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = failed(new TransferException(ErrorCode.INTERNAL, "interrupted", e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + describe() + " hit an unexpected error", e);
            result = failed(new TransferException(ErrorCode.INTERNAL, "unexpected error: " + e, e));
        } finally {
            ticker.cancel(false);
        }
        synchronized (this) {
            finished = true;
        }
        reports.result(result);
        ended.countDown();
    }

    /**
     * Waits up to {@code timeout} for {@link #run()} to end, so a newer session of the job starts
     * only once this one has left the journal and the temporary files alone.
     *
     * @return whether it ended
     */
    boolean awaitEnded(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the job: its session fails at the next step and removes its temporary files. */
    void cancel() {
        cancellation.cancel();
        stopChannel();
    }

    /**
     * Stops the job for good ({@code CancelJob}: the control plane sends it only when the job is
     * over, never to retry it): as {@link #cancel()}, and the target also removes the temporary
     * files its journal kept for a resume.
     */
    void cancelForGood() {
        forGood = true;
        cancellation.cancel();
        stopChannel();
    }

    private void stopChannel() {
        TransferChannel open = channel;
        if (open != null) {
            open.close(false);
        }
    }

    private AgentMessage execute() throws TransferException, InterruptedException {
        return switch (assignment.getRole()) {
            case TRANSFER_ROLE_SOURCE -> send();
            case TRANSFER_ROLE_TARGET -> receive();
            default -> throw new TransferException(ErrorCode.INTERNAL, "the assignment has no role");
        };
    }

    private AgentMessage send() throws TransferException, InterruptedException {
        SourceEndpoint source = Optional.ofNullable(setup.config().sources().get(assignment.getEndpoint()))
                .orElseThrow(() -> unknownEndpoint("source"));
        PinnedPeer receiver = PinnedPeer.check(assignment.getPeerAgentId(), assignment.getPeerKeyBundle(),
                source.recipients(), "recipients of source '" + source.name() + "'");
        SessionContext context = new SessionContext(assignment.getJobId(), assignment.getSession(), setup.agentId(),
                receiver.agentId());
        Optional<AgentMessage> earlier = completedBefore(TransferRole.TRANSFER_ROLE_SOURCE);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        LOG.info(() -> "job " + describe() + ": sending source '" + source.name() + "' to agent " + receiver.agentId()
                + (failedFilesOnly() ? " (only the files that failed before)" : ""));
        SenderSession session = new SenderSession(context, setup.keys(), receiver, new SourceTree(source.path(),
                ExcludeRules.of(source.exclude()), setup.sourceOpener(), scope()), setup.settings(), progress,
                cancellation);
        TransferChannel open = open();
        try {
            var outcome = session.run(open);
            release(open);
            AgentMessage result = JobReports.succeeded(assignment, outcome);
            finish(TransferRole.TRANSFER_ROLE_SOURCE, outcome, result);
            LOG.info(() -> "job " + describe() + ": sent " + summary(outcome));
            return result;
        } catch (TransferException | RuntimeException | InterruptedException e) {
            open.close(false);
            throw e;
        }
    }

    private boolean failedFilesOnly() {
        return assignment.getScope() == TransferScope.TRANSFER_SCOPE_FAILED_FILES;
    }

    /** Returns the paths this session sends: all, or those this side's task report lists as failed. */
    private Predicate<String> scope() throws TransferException {
        if (!failedFilesOnly()) {
            return path -> true;
        }
        try {
            Set<String> failed = taskReports.failedPaths(assignment.getJobId(), TransferRole.TRANSFER_ROLE_SOURCE);
            LOG.info(() -> "job " + describe() + ": " + failed.size() + " files failed before");
            return failed::contains;
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot read the task report: " + e.getMessage(), e);
        }
    }

    private AgentMessage receive() throws TransferException, InterruptedException {
        TargetEndpoint target = Optional.ofNullable(setup.config().targets().get(assignment.getEndpoint()))
                .orElseThrow(() -> unknownEndpoint("target"));
        PinnedPeer sender = PinnedPeer.check(assignment.getPeerAgentId(), assignment.getPeerKeyBundle(),
                target.senders(), "senders of target '" + target.name() + "'");
        SessionContext context = new SessionContext(assignment.getJobId(), assignment.getSession(), sender.agentId(),
                setup.agentId());
        Optional<AgentMessage> earlier = completedBefore(TransferRole.TRANSFER_ROLE_TARGET);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try (TargetJournal journal = openJournal(target)) {
            recordEndpoint(target);
            TargetCheck.prepare(target.path(), assignment.getSession(), journal.state());
            LOG.info(() -> "job " + describe() + ": receiving into target '" + target.name() + "' from agent "
                    + sender.agentId() + resumeNote(journal.state()));
            ReceiverSession session = new ReceiverSession(context, setup.keys(), sender,
                    new TargetTree(target.path(), setup.opener(), journal, failedFilesOnly()), setup.journal(),
                    setup.settings(), progress, cancellation);
            TransferChannel open = open();
            try {
                var outcome = session.run(open);
                release(open);
                AgentMessage result = JobReports.succeeded(assignment, outcome);
                finish(TransferRole.TRANSFER_ROLE_TARGET, outcome, result);
                LOG.info(() -> "job " + describe() + ": verified " + summary(outcome) + " into target '"
                        + target.name() + "'");
                return result;
            } catch (TransferException | RuntimeException | InterruptedException e) {
                open.close(false);
                if (forGood) {
                    KeptTemps.remove(target.path(), journal, "job " + describe());
                }
                throw e;
            }
        }
    }

    private void recordEndpoint(TargetEndpoint target) throws TransferException {
        try {
            KeptTemps.recordEndpoint(setup, assignment.getJobId(), target);
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot record the job's target: " + e.getMessage(), e);
        }
    }

    /** Opens the job's journal and drops what the target no longer holds. */
    private TargetJournal openJournal(TargetEndpoint target) throws TransferException {
        try {
            TargetJournal journal = TargetJournal.open(setup.journal().createJobDir(assignment.getJobId()));
            try {
                journal.reconcile(target.path());
            } catch (StateException e) {
                journal.close();
                throw e;
            }
            return journal;
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot read the job's journal: " + e.getMessage(), e);
        }
    }

    private static String resumeNote(ResumeState held) {
        long temps = held.temps().size();
        long placed = held.placedPaths().size();
        return temps + placed == 0 ? "" : "; resuming: " + temps + " files held in temporary files, " + placed
                + " paths placed by earlier sessions";
    }

    private static String summary(SessionOutcome outcome) {
        FileResults results = outcome.results();
        return results.filesDone() + " files, " + results.bytesDone() + " bytes (" + results.filesFailed()
                + " files failed, " + results.filesSkipped() + " out of scope)";
    }

    private TransferChannel open() throws TransferException {
        cancellation.check();
        TransferChannel open = setup.channels().open(assignment.getJobId(), assignment.getSession());
        channel = open;
        if (cancellation.isCancelled()) {
            open.close(false);
            cancellation.check();
        }
        return open;
    }

    /**
     * Lets the relay end the stream of a session that ended well (both sides close gracefully),
     * and tears it down if that has not happened within {@link #CLOSE_GRACE}.
     */
    private void release(TransferChannel open) {
        open.close(true);
        setup.scheduler().schedule(() -> open.close(false), CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TransferException unknownEndpoint(String kind) {
        return new TransferException(ErrorCode.ENDPOINT_UNKNOWN, "the config declares no " + kind + " endpoint named '"
                + RemoteErrors.clean(assignment.getEndpoint()) + "'");
    }

    private Optional<AgentMessage> completedBefore(TransferRole role) throws TransferException {
        try {
            Optional<SignedReceipt> receipt = setup.journal().receipt(assignment.getJobId(), assignment.getSession(), role);
            if (receipt.isPresent()) {
                LOG.info(() -> "job " + describe() + " completed earlier; reporting its receipt again");
                return Optional.of(JobReports.succeededBefore(assignment, receipt.get(),
                        setup.journal().result(assignment.getJobId(), assignment.getSession(), role)));
            }
            return Optional.empty();
        } catch (StateException | InvalidProtocolBufferException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot read the transfer journal: " + e.getMessage(), e);
        }
    }

    /**
     * Journals what a session that ended well leaves behind: the source's receipt (the target
     * journaled its own before answering), the result, and the task report. Failing to is
     * logged, not reported: the transfer itself is done.
     */
    private void finish(TransferRole role, SessionOutcome outcome, AgentMessage result) {
        try {
            if (role == TransferRole.TRANSFER_ROLE_SOURCE) {
                setup.journal().recordCompleted(assignment.getJobId(), assignment.getSession(), role, outcome.receipt());
            }
            setup.journal().recordResult(assignment.getJobId(), assignment.getSession(), role, result.getResult());
            taskReports.write(assignment.getJobId(), role, assignment.getSession(), assignment.getScope(),
                    setup.clock().instant(), outcome.results());
        } catch (StateException e) {
            LOG.warning(() -> "job " + describe() + ": cannot record the finished session: " + e.getMessage());
        }
    }

    private AgentMessage failed(TransferException e) {
        TransferProgress.Snapshot counters = progress.snapshot();
        if (cancellation.isCancelled()) {
            LOG.info(() -> "job " + describe() + " cancelled; its temporary files are removed");
            return JobReports.cancelled(assignment, counters);
        }
        LOG.warning(() -> "job " + describe() + " failed with " + e.code() + ": " + e.getMessage());
        return JobReports.failed(assignment, e, counters);
    }

    private synchronized void reportProgress() {
        if (finished) {
            return;
        }
        TransferProgress.Snapshot now = progress.snapshot();
        if (!now.equals(lastReported)) {
            lastReported = now;
            reports.progress(JobReports.progress(assignment, now));
        }
    }

    private String describe() {
        return assignment.getJobId() + " session " + assignment.getSession();
    }
}
