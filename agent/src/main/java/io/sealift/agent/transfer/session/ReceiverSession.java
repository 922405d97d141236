package io.sealift.agent.transfer.session;

import com.google.protobuf.ByteString;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.state.StateException;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.DataKey;
import io.sealift.agent.transfer.format.DataKeyWrap;
import io.sealift.agent.transfer.format.FrameOpener;
import io.sealift.agent.transfer.format.ManifestCodec;
import io.sealift.agent.transfer.format.PinnedPeer;
import io.sealift.agent.transfer.format.Receipts;
import io.sealift.agent.transfer.format.SealedMessages;
import io.sealift.agent.transfer.format.SealedStream;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.format.TransferHeaders;
import io.sealift.agent.transfer.format.TransferTrailers;
import io.sealift.agent.transfer.tree.TreeWriter;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ReceiverOutcome;
import io.sealift.proto.v1.ReceiverStatus;
import io.sealift.proto.v1.ResumeClaim;
import io.sealift.proto.v1.SignedReceipt;
import io.sealift.proto.v1.TransferHeader;
import io.sealift.proto.v1.TransferMessage;
import io.sealift.proto.v1.TransferRole;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The target side of one transfer session. Before decrypting anything it checks the header's
 * signature against the pinned sender and that the header is for this job, session and agent,
 * and not for a session the journal says is complete; then it unwraps the data key, answers
 * {@code ACCEPTED} followed by its sealed resume claim (what the job's journal says the target
 * holds), opens every frame in order, writes the files through a {@link TreeWriter}, checks the
 * trailer, puts the tree in place, records the receipt and answers {@code COMPLETED} followed by
 * its sealed outcome (the files it could not write).
 *
 * <p>On a failure that a later session may get past (a lost connection, a full disk, a
 * cancellation) it keeps every journaled temporary file for that session to resume from; on any
 * other failure it removes all of the job's temporary files. Either way it answers
 * {@code FAILED} with the code, reads on until the sender ends the channel (so a sender held by
 * flow control sees the answer), and throws. The data key lives only inside {@link #run}. One
 * run per instance.
 */
public final class ReceiverSession {
    private static final Logger LOG = Logger.getLogger(ReceiverSession.class.getName());
    /** How long a failed receiver keeps reading so the sender sees its FAILED status. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

    private final SessionContext context;
    private final AgentKeys keys;
    private final PinnedPeer sender;
    private final TargetTree target;
    private final TreeWriter writer;
    private final TransferJournal receipts;
    private final SessionSettings settings;
    private final TransferProgress progress;
    private final Cancellation cancellation;

    /** What a session that ended well sends after {@code COMPLETED}, and returns. */
    private record Received(SessionOutcome outcome, List<ByteString> outcomeFrames) {
    }

    /**
     * Creates the session.
     *
     * @param context the job, session and agents (this agent is the receiver)
     * @param keys this agent's keys, to unwrap the data key and sign the receipt
     * @param sender the sender, already checked against the target's {@code senders}
     * @param target where to write, and the job's journal
     * @param receipts the journal of completed sessions
     */
    public ReceiverSession(SessionContext context, AgentKeys keys, PinnedPeer sender, TargetTree target,
            TransferJournal receipts, SessionSettings settings, TransferProgress progress, Cancellation cancellation) {
        this.context = context;
        this.keys = keys;
        this.sender = sender;
        this.target = target;
        this.writer = new TreeWriter(target.root(), context.session(), target.opener(), target.journal(),
                settings.journalInterval());
        this.receipts = receipts;
        this.settings = settings;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * Runs the session over {@code channel}.
     *
     * @return the receiver's signed receipt and what became of each file
     * @throws TransferException with the code of whatever failed
     */
    public SessionOutcome run(TransferChannel channel) throws TransferException, InterruptedException {
        Received received;
        try {
            received = receive(channel);
        } catch (TransferException | RuntimeException | InterruptedException e) {
            ErrorCode code = e instanceof TransferException t ? t.code() : ErrorCode.INTERNAL;
            if (cancellation.isCancelled() || TransferException.isRetryable(code)) {
                writer.suspend();
            } else {
                writer.abort();
            }
            tell(channel, ReceiverStatus.State.FAILED, code);
            channel.close(true);
            drain(channel);
            throw e;
        }
        tell(channel, ReceiverStatus.State.COMPLETED, ErrorCode.ERROR_CODE_UNSPECIFIED);
        try {
            for (ByteString frame : received.outcomeFrames()) {
                channel.send(frame);
            }
        } catch (TransferException e) {
            LOG.fine(() -> "could not tell the sender the outcome: " + e.getMessage());
        }
        channel.close(true);
        return received.outcome();
    }

    private Received receive(TransferChannel channel) throws TransferException, InterruptedException {
        TransferMessage first = next(channel);
        if (!first.hasHeader()) {
            throw new TransferException(ErrorCode.TAMPERED, "the session began with a " + first.getKindCase());
        }
        TransferHeader header = TransferHeaders.verify(first.getHeader(), sender, context, keys.fingerprint());
        if (completed()) {
            throw new TransferException(ErrorCode.TAMPERED, "a header for completed session " + context.session()
                    + " of job " + context.jobId() + " arrived again");
        }
        DataKey key = DataKeyWrap.unwrap(header.getWrappedDataKey().toByteArray(), keys.hpkeKeyset(), context);
        try {
            channel.send(TransferMessages.status(ReceiverStatus.State.ACCEPTED, ErrorCode.ERROR_CODE_UNSPECIFIED));
            sendClaim(channel, key, header.getFrameSize());
            return receiveFrames(channel, key, header);
        } finally {
            key.destroy();
        }
    }

    private void sendClaim(TransferChannel channel, DataKey key, int frameSize)
            throws TransferException, InterruptedException {
        ResumeClaim claim = target.journal().state().claim();
        if (claim.getSerializedSize() > ManifestCodec.MAX_BYTES) {
            throw new TransferException(ErrorCode.INTERNAL, "the resume claim exceeds " + ManifestCodec.MAX_BYTES
                    + " bytes");
        }
        LOG.fine(() -> "job " + context.jobId() + " session " + context.session() + ": claiming "
                + claim.getCompleteCount() + " complete and " + claim.getPartialCount() + " partial files");
        for (ByteString frame : SealedMessages.seal(key, context, SealedStream.CLAIM, frameSize, claim.toByteArray())) {
            channel.send(frame);
        }
    }

    private Received receiveFrames(TransferChannel channel, DataKey key, TransferHeader header)
            throws TransferException, InterruptedException {
        FrameOpener opener = new FrameOpener(key, context, header.getFrameSize());
        PlaintextDemux demux = new PlaintextDemux(header.getManifestSha256().toByteArray(), writer,
                target.journal().state(), target.skipsAllowed(), progress);
        byte[] plaintext = new byte[header.getFrameSize()];
        while (!opener.finished()) {
            cancellation.check();
            TransferMessage message = next(channel);
            if (!message.hasFrame()) {
                throw new TransferException(ErrorCode.TAMPERED, "a " + message.getKindCase() + " arrived after frame "
                        + opener.frames() + ", before the final frame");
            }
            demux.accept(plaintext, 0, opener.open(message.getFrame(), plaintext));
        }
        demux.finish();
        TransferMessage last = next(channel);
        if (!last.hasTrailer()) {
            throw new TransferException(ErrorCode.TAMPERED, "a " + last.getKindCase() + " arrived after the final frame");
        }
        TransferTrailers.verify(last.getTrailer(), sender, context, opener.frames(), opener.root());
        cancellation.check();
        writer.commit();
        FileResults results = demux.results();
        SignedReceipt receipt = Receipts.sign(context, context.receiverAgentId(), TransferRole.TRANSFER_ROLE_TARGET,
                results.filesDone(), results.bytesDone(), opener.root(), keys);
        record(receipt);
        byte[] outcome = ReceiverOutcome.newBuilder().addAllFailed(demux.localFailures()).build().toByteArray();
        return new Received(new SessionOutcome(receipt, results),
                SealedMessages.seal(key, context, SealedStream.OUTCOME, header.getFrameSize(), outcome));
    }

    private TransferMessage next(TransferChannel channel) throws TransferException, InterruptedException {
        return TransferMessages.receive(channel, settings.idleTimeout(), ErrorCode.TAMPERED);
    }

    private boolean completed() throws TransferException {
        try {
            return receipts.receipt(context.jobId(), context.session(), TransferRole.TRANSFER_ROLE_TARGET).isPresent();
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot read the transfer journal: " + e.getMessage(), e);
        }
    }

    private void record(SignedReceipt receipt) throws TransferException {
        try {
            receipts.recordCompleted(context.jobId(), context.session(), TransferRole.TRANSFER_ROLE_TARGET, receipt);
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot record the completed session: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and discards what the sender still sends until it ends the channel, for at most
     * {@link #DRAIN_LIMIT}: a sender blocked by flow control must get to see the FAILED status.
     */
    private static void drain(TransferChannel channel) {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                channel.receive(Duration.ofMillis(100));
            }
        } catch (TransferException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.fine("the sender did not end the session after FAILED; giving up on it");
    }

    /** Sends a status; best effort, since the session's result does not depend on the peer hearing it. */
    private static void tell(TransferChannel channel, ReceiverStatus.State state, ErrorCode code) {
        try {
            channel.send(TransferMessages.status(state, code));
        } catch (TransferException e) {
            LOG.fine(() -> "could not tell the sender " + state + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
