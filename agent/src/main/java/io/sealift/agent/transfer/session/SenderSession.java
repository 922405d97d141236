package io.sealift.agent.transfer.session;

import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.DataKey;
import io.sealift.agent.transfer.format.DataKeyWrap;
import io.sealift.agent.transfer.format.FrameSealer;
import io.sealift.agent.transfer.format.ManifestCodec;
import io.sealift.agent.transfer.format.PinnedPeer;
import io.sealift.agent.transfer.format.Receipts;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.format.TransferHeaders;
import io.sealift.agent.transfer.format.TransferTrailers;
import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.SourceFile;
import io.sealift.agent.transfer.tree.TreeWalker;
import io.sealift.agent.transfer.tree.ValidatedManifest;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ReceiverStatus;
import io.sealift.proto.v1.TransferMessage;
import io.sealift.proto.v1.TransferRole;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The source side of one transfer session: walks the tree, sends the signed header with a fresh
 * data key wrapped to the pinned receiver, waits for the receiver to accept it, streams the
 * sealed plaintext (manifest, then every file's contents), sends the signed trailer, and waits
 * for the receiver to report the tree complete.
 *
 * <p>The data key lives only inside {@link #run}. Between frames the sender looks for a
 * {@code FAILED} status, so a receiver that gave up stops it quickly. One run per instance.
 */
public final class SenderSession {
    private final SessionContext context;
    private final AgentKeys keys;
    private final PinnedPeer receiver;
    private final Path root;
    private final ExcludeRules excludes;
    private final SessionSettings settings;
    private final TransferProgress progress;
    private final Cancellation cancellation;

    /**
     * Creates the session.
     *
     * @param context the job, session and agents (this agent is the sender)
     * @param keys this agent's keys, to sign the header, trailer and receipt
     * @param receiver the receiver, already checked against the source's {@code recipients}
     * @param root the source endpoint's directory
     * @param excludes what not to send
     */
    public SenderSession(SessionContext context, AgentKeys keys, PinnedPeer receiver, Path root,
            ExcludeRules excludes, SessionSettings settings, TransferProgress progress, Cancellation cancellation) {
        this.context = context;
        this.keys = keys;
        this.receiver = receiver;
        this.root = root;
        this.excludes = excludes;
        this.settings = settings;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * Runs the session over {@code channel}. On success the channel is closed gracefully; on
     * failure the caller tears it down.
     *
     * @return the sender's signed receipt and counts
     * @throws TransferException with the code of whatever failed, here or on the receiver
     */
    public SessionOutcome run(TransferChannel channel) throws TransferException, InterruptedException {
        Manifest manifest = new TreeWalker(root, excludes, cancellation).walk();
        ValidatedManifest validated = selfCheck(manifest);
        progress.totals(validated.totalBytes(), validated.regularFiles().size());
        ManifestCodec.Encoded encoded = ManifestCodec.encode(manifest);
        DataKey key = DataKey.generate(settings.random());
        try {
            byte[] wrapped = DataKeyWrap.wrap(key, receiver, context);
            channel.send(TransferMessage.newBuilder().setHeader(TransferHeaders.sign(context, wrapped,
                    encoded.sha256(), settings.frameSize(), receiver.fingerprint(), keys)).build().toByteString());
            awaitStatus(channel, ReceiverStatus.State.ACCEPTED);
            FrameSealer sealer = new FrameSealer(key, context, settings.frameSize());
            stream(channel, sealer, encoded.bytes(), validated);
            channel.send(TransferMessage.newBuilder().setTrailer(
                    TransferTrailers.sign(context, sealer.frames(), sealer.root(), keys)).build().toByteString());
            channel.close(true);
            awaitStatus(channel, ReceiverStatus.State.COMPLETED);
            long files = validated.regularFiles().size();
            return new SessionOutcome(Receipts.sign(context, context.senderAgentId(), TransferRole.TRANSFER_ROLE_SOURCE,
                    files, validated.totalBytes(), sealer.root(), keys), files, validated.totalBytes());
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

    private void stream(TransferChannel channel, FrameSealer sealer, byte[] manifest, ValidatedManifest validated)
            throws TransferException, InterruptedException {
        FrameWriter out = new FrameWriter(sealer, settings.frameSize(), frame -> {
            channel.send(frame);
            checkReceiver(channel);
        }, progress);
        out.writeLong(manifest.length);
        out.write(manifest);
        for (ManifestEntry entry : validated.regularFiles()) {
            cancellation.check();
            try (SourceFile file = SourceFile.open(root, entry)) {
                out.copy(file);
                file.checkUnchanged();
            }
            progress.fileDone();
        }
        out.finish();
    }

    /** Fails fast if the receiver has reported a failure while frames were going out. */
    private static void checkReceiver(TransferChannel channel) throws TransferException, InterruptedException {
        var message = channel.receive(Duration.ZERO);
        if (message.isPresent()) {
            statusFrom(TransferMessages.parse(message.get(), ErrorCode.INTERNAL), ReceiverStatus.State.STATE_UNSPECIFIED);
        }
    }

    private void awaitStatus(TransferChannel channel, ReceiverStatus.State wanted)
            throws TransferException, InterruptedException {
        statusFrom(TransferMessages.receive(channel, settings.idleTimeout(), ErrorCode.INTERNAL), wanted);
    }

    private static void statusFrom(TransferMessage message, ReceiverStatus.State wanted) throws TransferException {
        if (!message.hasStatus()) {
            throw new TransferException(ErrorCode.INTERNAL, "the receiver sent a " + message.getKindCase());
        }
        ReceiverStatus status = message.getStatus();
        if (status.getState() == ReceiverStatus.State.FAILED) {
            ErrorCode code = status.getError() == ErrorCode.UNRECOGNIZED || status.getError() == ErrorCode.ERROR_CODE_UNSPECIFIED
                    ? ErrorCode.INTERNAL : status.getError();
            throw new TransferException(code, "the receiver failed with " + code);
        }
        if (status.getState() != wanted) {
            throw new TransferException(ErrorCode.INTERNAL, "the receiver answered " + status.getState()
                    + " where " + wanted + " was due");
        }
    }
}
