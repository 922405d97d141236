package io.sealift.agent.transfer.jobs;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.config.SourceEndpoint;
import io.sealift.agent.config.TargetEndpoint;
import io.sealift.agent.state.StateException;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.PinnedPeer;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.session.ReceiverSession;
import io.sealift.agent.transfer.session.SenderSession;
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
import java.time.Duration;
import java.util.Optional;
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
    private volatile TransferChannel channel;
    private TransferProgress.Snapshot lastReported;
    private boolean finished;

    TransferJob(JobAssignment assignment, JobSetup setup, ReportSender reports) {
        this.assignment = assignment;
        this.setup = setup;
        this.reports = reports;
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
    }

    /** Stops the job: its session fails at the next step and removes its temporary files. */
    void cancel() {
        cancellation.cancel();
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
        LOG.info(() -> "job " + describe() + ": sending source '" + source.name() + "' to agent " + receiver.agentId());
        SenderSession session = new SenderSession(context, setup.keys(), receiver, source.path(),
                ExcludeRules.of(source.exclude()), setup.settings(), progress, cancellation);
        TransferChannel open = open();
        try {
            var outcome = session.run(open);
            release(open);
            record(TransferRole.TRANSFER_ROLE_SOURCE, outcome.receipt());
            LOG.info(() -> "job " + describe() + ": sent " + outcome.files() + " files, " + outcome.bytes() + " bytes");
            return JobReports.succeeded(assignment, outcome);
        } catch (TransferException | RuntimeException | InterruptedException e) {
            open.close(false);
            throw e;
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
        TargetCheck.prepare(target.path(), assignment.getSession());
        LOG.info(() -> "job " + describe() + ": receiving into target '" + target.name() + "' from agent "
                + sender.agentId());
        ReceiverSession session = new ReceiverSession(context, setup.keys(), sender, target.path(), setup.opener(),
                setup.journal(), setup.settings(), progress, cancellation);
        TransferChannel open = open();
        try {
            var outcome = session.run(open);
            release(open);
            LOG.info(() -> "job " + describe() + ": verified " + outcome.files() + " files, " + outcome.bytes()
                    + " bytes into target '" + target.name() + "'");
            return JobReports.succeeded(assignment, outcome);
        } catch (TransferException | RuntimeException | InterruptedException e) {
            open.close(false);
            throw e;
        }
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
                return Optional.of(JobReports.succeededBefore(assignment, receipt.get()));
            }
            return Optional.empty();
        } catch (StateException | InvalidProtocolBufferException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot read the transfer journal: " + e.getMessage(), e);
        }
    }

    private void record(TransferRole role, SignedReceipt receipt) {
        try {
            setup.journal().recordCompleted(assignment.getJobId(), assignment.getSession(), role, receipt);
        } catch (StateException e) {
            LOG.warning(() -> "job " + describe() + ": cannot record the sent session: " + e.getMessage());
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
