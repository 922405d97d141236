package io.sealift.agent.transfer.session;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.DataKey;
import io.sealift.agent.transfer.format.DataKeyWrap;
import io.sealift.agent.transfer.format.FrameSealer;
import io.sealift.agent.transfer.format.ManifestCodec;
import io.sealift.agent.transfer.format.PinnedPeer;
import io.sealift.agent.transfer.format.Receipts;
import io.sealift.agent.transfer.format.SealedMessages;
import io.sealift.agent.transfer.format.SealedStream;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.format.TransferHeaders;
import io.sealift.agent.transfer.format.TransferTrailers;
import io.sealift.agent.transfer.resume.ResumePlan;
import io.sealift.agent.transfer.tree.SourceFile;
import io.sealift.agent.transfer.tree.TreeWalker;
import io.sealift.agent.transfer.tree.ValidatedManifest;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileFailure;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ReceiverOutcome;
import io.sealift.proto.v1.ReceiverStatus;
import io.sealift.proto.v1.ResumeClaim;
import io.sealift.proto.v1.TransferMessage;
import io.sealift.proto.v1.TransferRole;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The source side of one transfer session: walks the tree, sends the signed header with a fresh
 * data key wrapped to the pinned receiver, waits for the receiver to accept it and for its
 * sealed resume claim, streams the sealed plaintext (the whole manifest, then one record per
 * regular file: its bytes from where the receiver's verified prefix ends, or that the receiver
 * holds it, or that it is out of scope, or that it failed), sends the signed trailer, and waits
 * for the receiver to report the tree complete and for its sealed outcome.
 *
 * <p>A file that cannot be read fails on its own ({@link FileResults}); only the channel, the
 * walk or the receiver fail the session. The data key lives only inside {@link #run}. Between
 * frames the sender looks for a {@code FAILED} status, so a receiver that gave up stops it
 * quickly. One run per instance.
 */
public final class SenderSession {
    private static final Logger LOG = Logger.getLogger(SenderSession.class.getName());

    private final SessionContext context;
    private final AgentKeys keys;
    private final PinnedPeer receiver;
    private final SourceTree source;
    private final SessionSettings settings;
    private final TransferProgress progress;
    private final Cancellation cancellation;

    /**
     * Creates the session.
     *
     * @param context the job, session and agents (this agent is the sender)
     * @param keys this agent's keys, to sign the header, trailer and receipt
     * @param receiver the receiver, already checked against the source's {@code recipients}
     * @param source what to send
     */
    public SenderSession(SessionContext context, AgentKeys keys, PinnedPeer receiver, SourceTree source,
            SessionSettings settings, TransferProgress progress, Cancellation cancellation) {
        this.context = context;
        this.keys = keys;
        this.receiver = receiver;
        this.source = source;
        this.settings = settings;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * Runs the session over {@code channel}. On success the channel is closed gracefully; on
     * failure the caller tears it down.
     *
     * @return the sender's signed receipt and what became of each file
     * @throws TransferException with the code of whatever failed, here or on the receiver
     */
    public SessionOutcome run(TransferChannel channel) throws TransferException, InterruptedException {
        Manifest manifest = new TreeWalker(source.root(), source.excludes(), cancellation).walk();
        ValidatedManifest validated = selfCheck(manifest);
        progress.totals(validated.totalBytes(), validated.regularFiles().size());
        ManifestCodec.Encoded encoded = ManifestCodec.encode(manifest);
        DataKey key = DataKey.generate(settings.random());
        try {
            byte[] wrapped = DataKeyWrap.wrap(key, receiver, context);
            channel.send(TransferMessage.newBuilder().setHeader(TransferHeaders.sign(context, wrapped,
                    encoded.sha256(), settings.frameSize(), receiver.fingerprint(), keys)).build().toByteString());
            awaitStatus(channel, ReceiverStatus.State.ACCEPTED);
            ResumeClaim claim = parseClaim(receiveSealed(channel, key, SealedStream.CLAIM));
            ResumePlan plan = ResumePlan.of(validated.regularFiles(), claim, source.inScope());
            FileResults results = new FileResults(validated.regularFiles());
            FrameSealer sealer = new FrameSealer(key, context, settings.frameSize());
            stream(channel, sealer, encoded.bytes(), plan, results);
            channel.send(TransferMessage.newBuilder().setTrailer(
                    TransferTrailers.sign(context, sealer.frames(), sealer.root(), keys)).build().toByteString());
            channel.close(true);
            awaitStatus(channel, ReceiverStatus.State.COMPLETED);
            applyReceiverFailures(parseOutcome(receiveSealed(channel, key, SealedStream.OUTCOME)), results);
            return new SessionOutcome(Receipts.sign(context, context.senderAgentId(), TransferRole.TRANSFER_ROLE_SOURCE,
                    results.filesDone(), results.bytesDone(), sealer.root(), keys), results);
        } finally {
            key.destroy();
        }
    }

    private static ValidatedManifest selfCheck(Manifest manifest) throws TransferException {
        try {
            return ValidatedManifest.validate(manifest);
        } catch (TransferException e) {
            throw new TransferException(ErrorCode.INTERNAL, "the walked tree breaks a manifest rule", e);
        }
    }

    private void stream(TransferChannel channel, FrameSealer sealer, byte[] manifest, ResumePlan plan,
            FileResults results) throws TransferException, InterruptedException {
        FrameWriter out = new FrameWriter(sealer, settings.frameSize(), frame -> {
            channel.send(frame);
            checkReceiver(channel);
        }, progress);
        out.writeLong(manifest.length);
        out.write(manifest);
        List<ManifestEntry> files = results.files();
        for (int i = 0; i < files.size(); i++) {
            cancellation.check();
            switch (plan.action(i)) {
                case HAVE -> {
                    out.writeByte(FileRecords.HAVE);
                    results.set(i, FileResults.Status.HELD);
                    countHeld(files.get(i));
                }
                case SKIP -> {
                    out.writeByte(FileRecords.SKIP);
                    results.set(i, plan.held(i) ? FileResults.Status.SKIPPED_HELD : FileResults.Status.SKIPPED);
                    if (plan.held(i)) {
                        countHeld(files.get(i));
                    }
                }
                case SEND -> send(out, i, files.get(i), plan.offset(i), results);
                default -> throw new IllegalStateException("unknown action " + plan.action(i));
            }
        }
        out.finish();
    }

    private void countHeld(ManifestEntry entry) {
        progress.addBytes(entry.getSize());
        progress.fileDone();
    }

    /** Sends file {@code index} from {@code offset}, in segments; a file that cannot be read fails on its own. */
    private void send(FrameWriter out, int index, ManifestEntry entry, long offset, FileResults results)
            throws TransferException, InterruptedException {
        SourceFile file;
        try {
            file = SourceFile.open(source.root(), entry, offset, source.opener());
        } catch (TransferException e) {
            out.writeByte(FileRecords.FAILED);
            out.writeInt(fail(results, index, e).getNumber());
            return;
        }
        try (file) {
            out.writeByte(FileRecords.SEND);
            out.writeLong(offset);
            progress.addBytes(offset);
            while (true) {
                int length = (int) Math.min(FileRecords.SEGMENT, file.remaining());
                TransferException failure = length > 0 ? out.copySegment(file, length) : null;
                if (failure == null && file.remaining() == 0) {
                    failure = changed(file);
                }
                if (failure != null) {
                    out.writeByte(FileRecords.ABANDONED);
                    out.writeInt(fail(results, index, failure).getNumber());
                    return;
                }
                if (file.remaining() == 0) {
                    out.writeByte(FileRecords.DONE);
                    results.set(index, FileResults.Status.TRANSFERRED);
                    progress.fileDone();
                    return;
                }
                out.writeByte(FileRecords.MORE);
                cancellation.check();
            }
        }
    }

    private static TransferException changed(SourceFile file) {
        try {
            file.checkUnchanged();
            return null;
        } catch (TransferException e) {
            return e;
        }
    }

    private ErrorCode fail(FileResults results, int index, TransferException e) {
        ErrorCode code = FileRecords.PER_FILE_CODES.contains(e.code()) ? e.code() : ErrorCode.FILE_IO_ERROR;
        results.fail(index, code);
        LOG.warning(() -> "job " + context.jobId() + " session " + context.session() + ": file "
                + results.files().get(index).getPath() + " failed with " + code + " (the session goes on): "
                + e.getMessage());
        return code;
    }

    /** Marks the files the receiver could not write as failed; its word is taken only for files this session sent. */
    private static void applyReceiverFailures(ReceiverOutcome outcome, FileResults results) {
        for (FileFailure failure : outcome.getFailedList()) {
            long file = failure.getFile();
            if (file >= 0 && file < results.files().size()
                    && results.status((int) file) == FileResults.Status.TRANSFERRED) {
                ErrorCode code = FileRecords.PER_FILE_CODES.contains(failure.getCode()) ? failure.getCode()
                        : ErrorCode.FILE_IO_ERROR;
                results.fail((int) file, code);
            }
        }
    }

    /** Reads one sealed message of {@code stream} from the receiver. */
    private byte[] receiveSealed(TransferChannel channel, DataKey key, SealedStream stream)
            throws TransferException, InterruptedException {
        SealedMessages.Reader reader = new SealedMessages.Reader(key, context, stream, settings.frameSize(),
                ManifestCodec.MAX_BYTES);
        while (!reader.finished()) {
            TransferMessage message = TransferMessages.receive(channel, settings.idleTimeout(), ErrorCode.TAMPERED);
            if (!message.hasReply()) {
                statusFrom(message, ReceiverStatus.State.STATE_UNSPECIFIED);
            }
            reader.accept(message.getReply());
        }
        return reader.message();
    }

    private static ResumeClaim parseClaim(byte[] bytes) throws TransferException {
        try {
            return ResumeClaim.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new TransferException(ErrorCode.TAMPERED, "the receiver's claim does not parse");
        }
    }

    private static ReceiverOutcome parseOutcome(byte[] bytes) throws TransferException {
        try {
            return ReceiverOutcome.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new TransferException(ErrorCode.TAMPERED, "the receiver's outcome does not parse");
        }
    }

    /** Fails fast if the receiver has reported a failure while frames were going out. */
    private static void checkReceiver(TransferChannel channel) throws TransferException, InterruptedException {
        var message = channel.receive(Duration.ZERO);
        if (message.isPresent()) {
            statusFrom(TransferMessages.parse(message.get(), ErrorCode.TAMPERED), ReceiverStatus.State.STATE_UNSPECIFIED);
        }
    }

    private void awaitStatus(TransferChannel channel, ReceiverStatus.State wanted)
            throws TransferException, InterruptedException {
        statusFrom(TransferMessages.receive(channel, settings.idleTimeout(), ErrorCode.TAMPERED), wanted);
    }

    /**
     * Checks the receiver's status. The status travels unsealed, so a message the receiver never
     * sends there (another kind, a state out of turn, FAILED without a code) is taken for what
     * the relay or a path between the agents did to it: {@code TAMPERED}, as the receiver takes
     * anything out of place in the sender's stream. A code this agent does not know is
     * {@code INTERNAL}.
     */
    private static void statusFrom(TransferMessage message, ReceiverStatus.State wanted) throws TransferException {
        if (!message.hasStatus()) {
            throw new TransferException(ErrorCode.TAMPERED, "the receiver sent a " + message.getKindCase()
                    + " where a status was due");
        }
        ReceiverStatus status = message.getStatus();
        if (status.getState() == ReceiverStatus.State.FAILED) {
            ErrorCode code = status.getError() == ErrorCode.ERROR_CODE_UNSPECIFIED ? ErrorCode.TAMPERED
                    : status.getError() == ErrorCode.UNRECOGNIZED ? ErrorCode.INTERNAL : status.getError();
            throw new TransferException(code, "the receiver failed with " + status.getError());
        }
        if (status.getState() != wanted) {
            throw new TransferException(ErrorCode.TAMPERED, "the receiver answered " + status.getState()
                    + " where " + wanted + " was due");
        }
    }
}
