package io.sealift.agent.testing;

import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.session.ReceiverSession;
import io.sealift.agent.transfer.session.SenderSession;
import io.sealift.agent.transfer.session.SessionOutcome;
import io.sealift.agent.transfer.session.SessionSettings;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.agent.transfer.tree.TreeWriter;
import io.sealift.proto.v1.ErrorCode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs a sender and a receiver session against each other in memory, on two threads. */
public final class TransferRun {
    private final Path source;
    private final Path target;
    private final Path stateDir;
    private SessionContext context = TestPeers.context("job-1", 1);
    private SessionSettings settings = new SessionSettings(1024, Duration.ofSeconds(20), new SecureRandom());
    private TamperingChannel.Tamper tamper = (index, message) -> java.util.List.of(message);
    private TempFileOpener opener = TempFileOpener.real();
    private ExcludeRules excludes = ExcludeRules.none();
    private int capacity = 4;
    private io.sealift.agent.crypto.AgentKeys senderKeys = TestPeers.SENDER;
    private Cancellation receiverCancellation = new Cancellation();
    private boolean recording;
    /** Every message the sender handed to the channel, before any tampering, if {@link #recording()}. */
    public final java.util.List<com.google.protobuf.ByteString> sent =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    public final TransferProgress senderProgress = new TransferProgress();
    public final TransferProgress receiverProgress = new TransferProgress();

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

    public TransferRun settings(SessionSettings value) {
        this.settings = value;
        return this;
    }

    public TransferRun tamper(TamperingChannel.Tamper value) {
        this.tamper = value;
        return this;
    }

    public TransferRun opener(TempFileOpener value) {
        this.opener = value;
        return this;
    }

    public TransferRun excludes(ExcludeRules value) {
        this.excludes = value;
        return this;
    }

    public TransferRun senderKeys(io.sealift.agent.crypto.AgentKeys value) {
        this.senderKeys = value;
        return this;
    }

    public TransferRun receiverCancellation(Cancellation value) {
        this.receiverCancellation = value;
        return this;
    }

    /** Keeps every message the sender sends in {@link #sent}: only for small trees. */
    public TransferRun recording() {
        this.recording = true;
        return this;
    }

    public TransferRun capacity(int value) {
        this.capacity = value;
        return this;
    }

    public Result run() throws Exception {
        PipeChannel[] pipe = PipeChannel.pair(capacity);
        TamperingChannel.Tamper recorder = new TamperingChannel.Tamper() {
            @Override
            public java.util.List<com.google.protobuf.ByteString> apply(int index, com.google.protobuf.ByteString message) {
                if (recording) {
                    sent.add(message);
                }
                return tamper.apply(index, message);
            }

            @Override
            public java.util.List<com.google.protobuf.ByteString> flush() {
                return tamper.flush();
            }
        };
        TransferChannel senderEnd = new TamperingChannel(pipe[0], recorder);
        SenderSession sender = new SenderSession(context, senderKeys, TestPeers.pinnedReceiver(), source,
                excludes, settings, senderProgress, new Cancellation());
        ReceiverSession receiver = new ReceiverSession(context, TestPeers.RECEIVER, TestPeers.pinnedSender(), target,
                opener, new TransferJournal(StateDir.at(stateDir)), settings, receiverProgress, receiverCancellation);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Side> receiving = threads.submit(() -> side(() -> receiver.run(pipe[1]), pipe[1]));
            Future<Side> sending = threads.submit(() -> side(() -> sender.run(senderEnd), senderEnd));
            return new Result(sending.get(60, TimeUnit.SECONDS), receiving.get(60, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
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
