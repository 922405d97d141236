package io.sealift.agent.testing;

import com.google.protobuf.ByteString;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.session.ReceiverSession;
import io.sealift.agent.transfer.session.SenderSession;
import io.sealift.agent.transfer.session.SessionOutcome;
import io.sealift.agent.transfer.session.SessionSettings;
import io.sealift.agent.transfer.session.SourceTree;
import io.sealift.agent.transfer.session.TargetTree;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.SourceOpener;
import io.sealift.agent.transfer.tree.TargetCheck;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.agent.transfer.tree.TreeWriter;
import io.sealift.proto.v1.ErrorCode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Runs a sender and a receiver session against each other in memory, on two threads, the way
 * the job layer does: the receiver opens the job's journal in {@code stateDir} and prepares the
 * target first, so runs with the same state directory resume one another.
 */
public final class TransferRun {
    private final Path source;
    private final Path target;
    private final Path stateDir;
    private SessionContext context = TestPeers.context("job-1", 1);
    private SessionSettings settings = new SessionSettings(1024, Duration.ofSeconds(20), new SecureRandom());
    private TamperingChannel.Tamper tamper = (index, message) -> List.of(message);
    private TamperingChannel.Tamper replyTamper = (index, message) -> List.of(message);
    private TempFileOpener opener = TempFileOpener.real();
    private SourceOpener sourceOpener;
    private ExcludeRules excludes = ExcludeRules.none();
    private Predicate<String> inScope = path -> true;
    private boolean skipsAllowed;
    private int capacity = 4;
    private int cutAfter = -1;
    private AgentKeys senderKeys = TestPeers.SENDER;
    private Cancellation receiverCancellation = new Cancellation();
    private boolean recording;
    /** Every message the sender handed to the channel, before any tampering, if {@link #recording()}. */
    public final List<ByteString> sent = new CopyOnWriteArrayList<>();
    /** Every message the receiver handed to the channel, if {@link #recording()}. */
    public final List<ByteString> replies = new CopyOnWriteArrayList<>();
    public final TransferProgress senderProgress = new TransferProgress();
    public final TransferProgress receiverProgress = new TransferProgress();
    /** Bytes the sender read from source files. */
    public final AtomicLong bytesRead = new AtomicLong();

    public TransferRun(Path source, Path target, Path stateDir) {
        this.source = source;
        this.target = target;
        this.stateDir = stateDir;
    }

    /** What one side ended with: an outcome or a failure code. */
    public record Side(SessionOutcome outcome, TransferException failure) {
        public ErrorCode code() {
            return failure == null ? null : failure.code();
        }
    }

    /** Both sides. */
    public record Result(Side sender, Side receiver) {
    }

    public TransferRun context(SessionContext value) {
        this.context = value;
        return this;
    }

    /** Uses session {@code value} of the same job. */
    public TransferRun session(long value) {
        this.context = TestPeers.context(context.jobId(), value);
        return this;
    }

    public TransferRun settings(SessionSettings value) {
        this.settings = value;
        return this;
    }

    public TransferRun tamper(TamperingChannel.Tamper value) {
        this.tamper = value;
        return this;
    }

    /** Rewrites what the receiver sends back (its statuses and sealed replies; 0 is its first). */
    public TransferRun replyTamper(TamperingChannel.Tamper value) {
        this.replyTamper = value;
        return this;
    }

    public TransferRun opener(TempFileOpener value) {
        this.opener = value;
        return this;
    }

    /** Opens source files through {@code value} (which the read counter still wraps). */
    public TransferRun sourceOpener(SourceOpener value) {
        this.sourceOpener = value;
        return this;
    }

    public TransferRun excludes(ExcludeRules value) {
        this.excludes = value;
        return this;
    }

    /** Runs a session of scope "failed files": the sender sends only {@code paths}. */
    public TransferRun onlyFailed(java.util.Set<String> paths) {
        this.inScope = paths::contains;
        this.skipsAllowed = true;
        return this;
    }

    public TransferRun senderKeys(AgentKeys value) {
        this.senderKeys = value;
        return this;
    }

    public TransferRun receiverCancellation(Cancellation value) {
        this.receiverCancellation = value;
        return this;
    }

    /** Keeps every message the sender sends in {@link #sent}, and the receiver in {@link #replies}: only for small trees. */
    public TransferRun recording() {
        this.recording = true;
        return this;
    }

    public TransferRun capacity(int value) {
        this.capacity = value;
        return this;
    }

    /** Cuts the channel, both ways, when the sender hands it its {@code messages}-th message (from 0). */
    public TransferRun cutAt(int messages) {
        this.cutAfter = messages;
        return this;
    }

    public Result run() throws Exception {
        PipeChannel[] pipe = PipeChannel.pair(capacity);
        TamperingChannel.Tamper recorder = new TamperingChannel.Tamper() {
            @Override
            public List<ByteString> apply(int index, ByteString message) {
                if (recording) {
                    sent.add(message);
                }
                if (index == cutAfter) {
                    pipe[0].close(false);
                }
                return tamper.apply(index, message);
            }

            @Override
            public List<ByteString> flush() {
                return tamper.flush();
            }
        };
        TransferChannel senderEnd = new TamperingChannel(pipe[0], recorder);
        TransferChannel receiverEnd = new TamperingChannel(pipe[1], (index, message) -> {
            if (recording) {
                replies.add(message);
            }
            return replyTamper.apply(index, message);
        });
        SourceOpener reading = sourceOpener == null ? SourceOpener.real() : sourceOpener;
        SenderSession sender = new SenderSession(context, senderKeys, TestPeers.pinnedReceiver(),
                new SourceTree(source, excludes, path -> new CountingFileChannel(reading.open(path), bytesRead),
                        inScope), settings, senderProgress, new Cancellation());
        TransferJournal receipts = new TransferJournal(StateDir.at(stateDir));
        try (TargetJournal journal = TargetJournal.open(receipts.createJobDir(context.jobId()))) {
            journal.reconcile(target);
            TargetCheck.prepare(target, context.session(), journal.state());
            ReceiverSession receiver = new ReceiverSession(context, TestPeers.RECEIVER, TestPeers.pinnedSender(),
                    new TargetTree(target, opener, journal, skipsAllowed), receipts, settings, receiverProgress,
                    receiverCancellation);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Side> receiving = threads.submit(() -> side(() -> receiver.run(receiverEnd), receiverEnd));
                Future<Side> sending = threads.submit(() -> side(() -> sender.run(senderEnd), senderEnd));
                return new Result(sending.get(60, TimeUnit.SECONDS), receiving.get(60, TimeUnit.SECONDS));
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @FunctionalInterface
    private interface SessionCall {
        SessionOutcome call() throws TransferException, InterruptedException;
    }

    /** Runs one side as the job layer does: after a failure the channel is torn down. */
    private static Side side(SessionCall call, TransferChannel channel) throws InterruptedException, ExecutionException {
        try {
            return new Side(call.call(), null);
        } catch (TransferException e) {
            channel.close(false);
            return new Side(null, e);
        }
    }

    /** Returns whether {@code dir} holds a temporary file of a transfer. */
    public static boolean hasTemps(Path dir) {
        return TestTrees.list(dir).stream().anyMatch(name -> name.startsWith(TreeWriter.TEMP_PREFIX));
    }
}
