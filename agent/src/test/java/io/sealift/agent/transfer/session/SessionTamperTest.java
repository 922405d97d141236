package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.sealift.agent.testing.TamperingChannel;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.testing.TransferRun;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.TransferMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper matrix on whole sessions: whatever an attacker between the agents does to the
 * stream, the receiver refuses it, no file appears under a final name, and no temporary file is
 * left behind.
 */
class SessionTamperTest {
    @TempDir
    Path dir;

    private Path source;
    private Path target;
    private int messages;

    @BeforeEach
    void tree() throws Exception {
        source = dir.resolve("source");
        target = Files.createDirectories(dir.resolve("target"));
        TestTrees.sample(source, 1024, 3);
        TransferRun clean = new TransferRun(source, target, dir.resolve("state-clean")).recording();
        clean.run();
        assertTrue(clean.sent.size() > 6, "a clean run sends a header, several frames and a trailer");
        messages = clean.sent.size();
        emptyTarget();
    }

    private TransferRun run(TamperingChannel.Tamper tamper) throws Exception {
        TransferRun run = new TransferRun(source, target, dir.resolve("state-" + System.nanoTime())).tamper(tamper);
        last = run.run();
        return run;
    }

    private TransferRun.Result last;

    private void emptyTarget() throws Exception {
        try (var walk = Files.walk(target)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(target)) {
                    path.toFile().setWritable(true);
                    Files.delete(path);
                }
            }
        }
    }

    private void assertRefused(ErrorCode code, TamperingChannel.Tamper tamper) throws Exception {
        run(tamper);
        assertNotNull(last.receiver().failure(), "the receiver accepted a tampered stream");
        assertEquals(code, last.receiver().code(), last.receiver().failure().getMessage());
        assertNotNull(last.sender().failure(), "the sender must not report success");
        if (code == ErrorCode.CONNECTION_LOST) {
            assertTrue(TestTrees.list(target).stream().allMatch(name -> name.startsWith(".sealift-tmp-")),
                    "nothing under a final name; verified files wait in journaled temporary files for a retry");
            emptyTarget();
        } else {
            assertEquals(List.of(), TestTrees.list(target), "nothing under a final name, no temporary file");
        }
    }

    private TamperingChannel.Tamper flipIn(int victim, int position) {
        return (index, message) -> List.of(index == victim
                ? TamperingChannel.flip(message, Math.min(position, message.size() - 1), 0x20) : message);
    }

    @Test
    void aFlippedByteInTheHeader_isRefused() throws Exception {
        for (int position : new int[] {5, 40, 90, 150, 300}) {
            assertRefused(ErrorCode.TAMPERED, flipIn(0, position));
        }
    }

    @Test
    void aFlippedByteInTheManifestFrame_aMiddleFrame_theLastFrame_orTheTrailer_isRefused() throws Exception {
        assertRefused(ErrorCode.TAMPERED, flipIn(1, 200));
        assertRefused(ErrorCode.TAMPERED, flipIn(messages / 2, 600));
        assertRefused(ErrorCode.TAMPERED, flipIn(messages - 2, 20));
        assertRefused(ErrorCode.TAMPERED, flipIn(messages - 1, 30));
    }

    @Test
    void aDroppedDuplicatedOrReorderedFrame_isRefused() throws Exception {
        int middle = messages / 2;
        assertRefused(ErrorCode.TAMPERED, (index, message) -> index == middle ? List.of() : List.of(message));
        assertRefused(ErrorCode.TAMPERED, (index, message) -> index == middle ? List.of(message, message) : List.of(message));
        List<ByteString> held = new ArrayList<>();
        assertRefused(ErrorCode.TAMPERED, (index, message) -> {
            if (index == middle) {
                held.add(message);
                return List.of();
            }
            if (index == middle + 1) {
                return List.of(message, held.get(0));
            }
            return List.of(message);
        });
    }

    @Test
    void aTruncatedStream_isRefused_withOrWithoutATrailer() throws Exception {
        int cut = messages - 3;
        assertRefused(ErrorCode.TAMPERED, (index, message) -> index >= cut && index < messages - 1 ? List.of()
                : List.of(message));
        assertRefused(ErrorCode.CONNECTION_LOST, (index, message) -> index >= cut ? List.of() : List.of(message));
    }

    @Test
    void aFrameReplayedFromAnotherSessionOfTheJob_isRefused() throws Exception {
        List<ByteString> earlier = new ArrayList<>(runSession(1).sent);
        emptyTarget();
        TransferRun replay = new TransferRun(source, target, dir.resolve("state-replay"))
                .context(TestPeers.context("job-1", 2))
                .tamper((index, message) -> List.of(index == 3 ? earlier.get(3) : message));
        last = replay.run();
        assertEquals(ErrorCode.TAMPERED, last.receiver().code());
        assertEquals(List.of(), TestTrees.list(target));
    }

    @Test
    void aWholeSessionReplayed_isRefused_intoTheNextSession_andIntoTheSameCompletedSession() throws Exception {
        Path state = dir.resolve("state-journal");
        TransferRun first = new TransferRun(source, target, state).context(TestPeers.context("job-9", 1)).recording();
        assertNull(first.run().receiver().failure());
        List<ByteString> recorded = new ArrayList<>(first.sent);
        emptyTarget();

        TransferRun.Result sameSession = new TransferRun(source, target, state).context(TestPeers.context("job-9", 1))
                .tamper((index, message) -> List.of(recorded.get(index))).run();
        assertEquals(ErrorCode.TAMPERED, sameSession.receiver().code(), "the journal knows session 1 completed");
        assertEquals(List.of(), TestTrees.list(target));

        TransferRun.Result nextSession = new TransferRun(source, target, state).context(TestPeers.context("job-9", 2))
                .tamper((index, message) -> List.of(recorded.get(index))).run();
        assertEquals(ErrorCode.TAMPERED, nextSession.receiver().code(), "the header names session 1");
        assertEquals(List.of(), TestTrees.list(target));
    }

    @Test
    void aSenderThatIsNotThePinnedOne_isRefusedAtTheHeader() throws Exception {
        last = new TransferRun(source, target, dir.resolve("state-stranger")).senderKeys(TestPeers.STRANGER).run();
        assertEquals(ErrorCode.TAMPERED, last.receiver().code());
        assertEquals(ErrorCode.TAMPERED, last.sender().code(), "the sender hears why");
        assertEquals(List.of(), TestTrees.list(target));
    }

    @Test
    void messagesOfTheWrongKindOrGarbage_areRefused() throws Exception {
        ByteString status = TransferMessage.newBuilder().setStatus(io.sealift.proto.v1.ReceiverStatus.newBuilder()
                .setState(io.sealift.proto.v1.ReceiverStatus.State.COMPLETED)).build().toByteString();
        assertRefused(ErrorCode.TAMPERED, (index, message) -> List.of(index == 2 ? status : message));
        assertRefused(ErrorCode.TAMPERED, (index, message) -> List.of(index == 0 ? message.substring(0, 10) : message));
        assertRefused(ErrorCode.TAMPERED, (index, message) -> index == 1 ? List.of(ByteString.copyFromUtf8("\u00ff\u00ff"),
                message) : List.of(message));
    }

    @Test
    void aFlippedReply_isRefusedByTheSender_asTampered_andNothingIsPlaced() throws Exception {
        // The receiver's replies: 0 the status ACCEPTED (0x22 0x02 0x08 0x01), then the sealed
        // claim's frames (4 KiB in 1 KiB frames), COMPLETED, the sealed outcome.
        List<TamperingChannel.Tamper> flips = List.of(
                (index, message) -> List.of(index == 0 ? TamperingChannel.flip(message, 3, 0x01) : message),
                (index, message) -> List.of(index == 0 ? TamperingChannel.flip(message, 3, 0x02) : message),
                (index, message) -> List.of(index == 0 ? TamperingChannel.flip(message, 0, 0x08) : message),
                (index, message) -> List.of(index == 0 ? TamperingChannel.flip(message, 1, 0x01) : message),
                (index, message) -> List.of(index == 2 ? TamperingChannel.flip(message, message.size() / 2, 0x10)
                        : message));
        for (TamperingChannel.Tamper flip : flips) {
            last = new TransferRun(source, target, dir.resolve("state-" + System.nanoTime())).replyTamper(flip).run();
            assertEquals(ErrorCode.TAMPERED, last.sender().code(), String.valueOf(last.sender().failure()));
            assertNotNull(last.receiver().failure(), "the receiver cannot finish without the sender");
            assertTrue(TestTrees.list(target).stream().allMatch(name -> name.startsWith(".sealift-tmp-")),
                    "nothing under a final name");
            emptyTarget();
        }
    }

    private TransferRun runSession(long session) throws Exception {
        TransferRun run = new TransferRun(source, target, dir.resolve("state-s" + session))
                .context(TestPeers.context("job-1", session)).recording();
        TransferRun.Result result = run.run();
        assertNull(result.receiver().failure());
        return run;
    }
}
