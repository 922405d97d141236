package io.sealift.agent.transfer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.testing.TestRelay;
import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.format.SessionContext;
import io.sealift.agent.transfer.session.ReceiverSession;
import io.sealift.agent.transfer.session.SenderSession;
import io.sealift.agent.transfer.session.SessionOutcome;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.session.SessionSettings;
import io.sealift.agent.transfer.session.SourceTree;
import io.sealift.agent.transfer.session.TargetTree;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.testsupport.Await;
import io.sealift.proto.v1.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayChannelTest {
    private static final String MARKER = "ZK-MARKER-9f3c1d";

    @TempDir
    Path dir;

    private final TestRelay relay = new TestRelay();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Server server;
    private RelayTransport transport;

    @BeforeEach
    void startRelay() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(relay).build().start();
        transport = new RelayTransport(() -> {
            ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
            channels.add(channel);
            return channel;
        });
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aSessionThroughTheRelay_arrivesIntact_andTheRelaySeesNoNameOrContent() throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        TestTrees.sample(source, 1024, 7);
        Files.createDirectories(source.resolve(MARKER + "-dir"));
        Files.writeString(source.resolve(MARKER + "-dir/" + MARKER + ".txt"), (MARKER + "\n").repeat(500));
        Files.createDirectories(target);
        SessionContext context = TestPeers.context("job-relay", 3);
        SessionSettings settings = new SessionSettings(4096, Duration.ofSeconds(20), new SecureRandom());

        TransferChannel senderEnd = transport.open("job-relay", 3);
        TransferChannel receiverEnd = transport.open("job-relay", 3);
        TransferJournal receipts = new TransferJournal(StateDir.at(dir.resolve("state")));
        TargetJournal journal = TargetJournal.open(receipts.createJobDir("job-relay"));
        Future<SessionOutcome> received = threads.submit(() -> new ReceiverSession(context, TestPeers.RECEIVER,
                TestPeers.pinnedSender(), new TargetTree(target, TempFileOpener.real(), journal, false), receipts,
                settings, new TransferProgress(), new Cancellation()).run(receiverEnd));
        SessionOutcome sent = new SenderSession(context, TestPeers.SENDER, TestPeers.pinnedReceiver(),
                SourceTree.all(source, ExcludeRules.none()), settings, new TransferProgress(), new Cancellation())
                .run(senderEnd);

        assertEquals(sent.bytes(), received.get(20, TimeUnit.SECONDS).bytes());
        journal.close();
        TestTrees.assertSameTree(source, target);
        assertTrue(((RelayChannel) senderEnd).awaitEnd(Duration.ofSeconds(10)), "the relay completed the sender's call");
        assertTrue(((RelayChannel) receiverEnd).awaitEnd(Duration.ofSeconds(10)), "and the receiver's");
        for (ManagedChannel channel : channels) {
            assertTrue(channel.awaitTermination(10, TimeUnit.SECONDS), "each transfer's channel is shut down at the end");
        }
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        assertFalse(relay.forwarded.isEmpty());
        for (ByteString payload : relay.forwarded) {
            assertFalse(contains(payload.toByteArray(), marker), "a forwarded frame shows a file name or content");
        }
    }

    @Test
    void send_blocksWhileThePeerDoesNotRead_soNothingQueuesWithoutBound() throws Exception {
        TransferChannel fast = transport.open("job-flow", 1);
        TransferChannel slow = transport.open("job-flow", 1);
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Thread> sending = new AtomicReference<>();
        ByteString frame = ByteString.copyFrom(new byte[256 * 1024]);
        Future<?> sender = threads.submit(() -> {
            sending.set(Thread.currentThread());
            for (int i = 0; i < 400; i++) {
                fast.send(frame);
                sent.incrementAndGet();
            }
            return null;
        });

        Await.until("the sender waits for the reader", Duration.ofSeconds(10), () -> sent.get() > 0
                && sending.get().getState() == Thread.State.TIMED_WAITING);
        int stalledAt = sent.get();
        assertFalse(sender.isDone(), "the sender is held back by the reader, " + stalledAt + " frames sent");
        assertTrue(stalledAt < 100, "at most a few MiB buffered in transport and relay, not " + stalledAt + " frames");
        for (int i = 0; i < 400; i++) {
            assertEquals(frame.size(), slow.receive(Duration.ofSeconds(10)).orElseThrow().size());
        }
        sender.get(10, TimeUnit.SECONDS);
    }

    @Test
    void whenThePeerCancels_theOtherSideLosesTheConnection() throws Exception {
        TransferChannel one = transport.open("job-cancel", 1);
        TransferChannel two = transport.open("job-cancel", 1);
        one.send(ByteString.copyFromUtf8("hello"));
        assertEquals("hello", two.receive(Duration.ofSeconds(10)).orElseThrow().toStringUtf8());

        one.close(false);

        TransferException e = assertThrows(TransferException.class, () -> two.receive(Duration.ofSeconds(10)));
        assertEquals(ErrorCode.CONNECTION_LOST, e.code());
        assertThrows(TransferException.class, () -> one.send(ByteString.EMPTY));
    }

    @Test
    void aGracefulCloseStillReceivesThePeersLastMessages() throws Exception {
        TransferChannel one = transport.open("job-close", 1);
        TransferChannel two = transport.open("job-close", 1);
        one.send(ByteString.copyFromUtf8("last words"));
        one.close(true);

        assertEquals("last words", two.receive(Duration.ofSeconds(10)).orElseThrow().toStringUtf8());
        two.send(ByteString.copyFromUtf8("reply"));
        assertEquals("reply", one.receive(Duration.ofSeconds(10)).orElseThrow().toStringUtf8());
        two.close(true);
        assertTrue(((RelayChannel) one).awaitEnd(Duration.ofSeconds(10)));
        TransferException e = assertThrows(TransferException.class, () -> one.receive(Duration.ofSeconds(1)));
        assertEquals(ErrorCode.CONNECTION_LOST, e.code());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
