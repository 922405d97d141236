package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.testing.KillSnapshot;
import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.testing.TransferRun;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.TransferMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resuming: after a session is cut, the next session of the job sends only what the receiver's
 * journal does not hold, and the tree still arrives exactly. Bytes sent again are counted as the
 * bytes the sender read from source files beyond the tree's size.
 */
class ResumeTest {
    private static final int FRAME = 4096;
    private static final long JOURNAL_INTERVAL = 16 * 1024;
    private static final int CAPACITY = 4;
    /**
     * The promised bound: one journal interval and one segment, plus the flow-control window
     * (frames in the pipe, the one dropped by the cut, the one being filled, the one being opened,
     * and slack for the snapshot racing the receiver).
     */
    private static final long BOUND = JOURNAL_INTERVAL + FileRecords.SEGMENT + (CAPACITY + 4L) * FRAME;

    @TempDir
    Path dir;

    private Path source;
    private Path target;
    private Path state;
    private long total;

    @BeforeEach
    void tree() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        target = Files.createDirectories(dir.resolve("target"));
        state = dir.resolve("state");
        Random random = new Random(17);
        TestTrees.file(source.resolve("big.bin"), TestTrees.bytes(random, 700 * 1024 + 11), "rw-r--r--", 1_700_000_000_000L);
        TestTrees.file(source.resolve("medium.bin"), TestTrees.bytes(random, 100 * 1024), "rw-------", 1_700_000_001_000L);
        Files.createDirectories(source.resolve("small"));
        for (int i = 0; i < 40; i++) {
            TestTrees.file(source.resolve("small/f" + i), TestTrees.bytes(random, random.nextInt(3000)), "rw-r--r--",
                    1_700_000_002_000L + i);
        }
        TestTrees.times(source.resolve("small"), 1_700_000_009_000L);
        try (Stream<Path> walk = Files.walk(source)) {
            total = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private TransferRun run(long session) {
        return new TransferRun(source, target, state).session(session).capacity(CAPACITY)
                .settings(new SessionSettings(FRAME, Duration.ofSeconds(20), new SecureRandom(), JOURNAL_INTERVAL));
    }

    private Path journal() {
        return state.resolve("transfers/job-1/" + TargetJournal.FILE_NAME);
    }

    /** Cut points: in the manifest, early, in the middle and late in the big file, in the medium file, among small files. */
    @ParameterizedTest
    @ValueSource(ints = {1, 6, 90, 170, 190, 205})
    void aReceiverKilledAtAnyPoint_resumesFromItsJournal_sendingAgainAtMostOneIntervalSegmentAndWindow(int cut)
            throws Exception {
        AtomicReference<KillSnapshot> killed = new AtomicReference<>();
        TransferRun first = run(1).cutAt(cut).tamper((index, message) -> {
            if (index == cut) {
                killed.set(KillSnapshot.take(journal(), target));
            }
            return List.of(message);
        });
        TransferRun.Result cutShort = first.run();
        assertEquals(ErrorCode.CONNECTION_LOST, cutShort.receiver().code());
        killed.get().restore();

        TransferRun second = run(2);
        TransferRun.Result resumed = second.run();

        assertNull(resumed.receiver().failure(), () -> String.valueOf(resumed.receiver().failure()));
        assertNull(resumed.sender().failure(), () -> String.valueOf(resumed.sender().failure()));
        TestTrees.assertSameTree(source, target);
        long resent = first.bytesRead.get() + second.bytesRead.get() - total;
        assertTrue(resent >= 0 && resent <= BOUND, "sent again " + resent + " bytes; the bound is " + BOUND);
        assertEquals(total, resumed.receiver().outcome().bytes(), "the job's bytes, not the session's");
        assertEquals(second.receiverProgress.snapshot().bytesTotal(), second.receiverProgress.snapshot().bytesDone());
    }

    @Test
    void aCutChannel_isResumedWithLessThanASegmentAndTheWindowSentAgain() throws Exception {
        TransferRun first = run(1).cutAt(100);
        assertEquals(ErrorCode.CONNECTION_LOST, first.run().sender().code());
        assertTrue(TestTrees.list(target).stream().allMatch(name -> name.startsWith(".sealift-tmp-")),
                "no file under its final name before the session verified");

        TransferRun second = run(2);
        assertNull(second.run().receiver().failure());

        TestTrees.assertSameTree(source, target);
        long resent = first.bytesRead.get() + second.bytesRead.get() - total;
        long bound = FileRecords.SEGMENT + (CAPACITY + 3L) * FRAME;
        assertTrue(resent <= bound, "a receiver that stops in order journals all it verified: sent again " + resent
                + ", bound " + bound);
    }

    @Test
    void theClaimAndTheOutcome_travelSealed_withoutAFileNameOrSize() throws Exception {
        String marker = "ZK-RESUME-7c1e";
        Files.move(source.resolve("medium.bin"), source.resolve(marker + ".bin"));
        assertEquals(ErrorCode.CONNECTION_LOST, run(1).cutAt(200).run().receiver().code());

        TransferRun second = run(2).recording();
        assertNull(second.run().receiver().failure());

        assertTrue(second.replies.size() > 3, "status, claim and outcome frames went back");
        for (ByteString reply : second.replies) {
            String text = reply.toString(StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(marker) || text.contains("big.bin") || text.contains("small/f"),
                    "a reply shows a file name");
            TransferMessage message = TransferMessage.parseFrom(reply);
            assertTrue(message.hasStatus() || message.hasReply(), message.getKindCase().toString());
            if (message.hasStatus()) {
                assertEquals(2, message.getStatus().getSerializedSize(), "a status holds only its state");
            }
        }
    }

    @Test
    void aSourceFileChangedSinceItsPrefixWasWritten_isSentAgainFromTheStart() throws Exception {
        assertEquals(ErrorCode.CONNECTION_LOST, run(1).cutAt(90).run().receiver().code());
        try (TargetJournal journal = TargetJournal.open(journal().getParent())) {
            assertTrue(journal.state().temp("big.bin").filter(t -> !t.complete() && t.verified() > 0).isPresent(),
                    "the cut left a verified prefix of big.bin");
        }
        Path big = source.resolve("big.bin");
        byte[] changed = Files.readAllBytes(big);
        changed[10] ^= 1;
        TestTrees.file(big, changed, "rw-r--r--", 1_700_000_000_500L);

        TransferRun second = run(2);
        TransferRun.Result resumed = second.run();

        assertNull(resumed.receiver().failure());
        TestTrees.assertSameTree(source, target);
        assertTrue(second.bytesRead.get() >= changed.length, "big.bin was read again from its first byte");
    }

    @Test
    void aClaimBeyondAFilesSize_orForAnotherVersionOfIt_makesTheSenderSendItFromTheStart() throws Exception {
        Path big = source.resolve("big.bin");
        Path medium = source.resolve("medium.bin");
        long bigSize = Files.size(big);
        long mtime = Files.getLastModifiedTime(big).toMillis();
        Files.write(target.resolve(".sealift-tmp-1-0"), new byte[(int) bigSize + 10_000]);
        Files.write(target.resolve(".sealift-tmp-1-1"), new byte[(int) Files.size(medium)]);
        new TransferJournal(StateDir.at(state)).createJobDir("job-1");
        try (TargetJournal journal = TargetJournal.open(journal().getParent())) {
            journal.recordTemp(new ResumeState.Temp("big.bin", bigSize, mtime, ".sealift-tmp-1-0", bigSize + 10_000,
                    false));
            journal.recordTemp(new ResumeState.Temp("medium.bin", Files.size(medium),
                    Files.getLastModifiedTime(medium).toMillis() - 1, ".sealift-tmp-1-1", Files.size(medium), true));
        }

        TransferRun second = run(2);
        TransferRun.Result result = second.run();

        assertNull(result.receiver().failure(), () -> String.valueOf(result.receiver().failure()));
        TestTrees.assertSameTree(source, target);
        assertEquals(total, second.bytesRead.get(), "every byte was sent, none read out of bounds");
    }

    @Test
    void aTornJournalTail_isIgnored_andTheTransferStillCompletesExactly() throws Exception {
        assertEquals(ErrorCode.CONNECTION_LOST, run(1).cutAt(150).run().receiver().code());
        byte[] journal = Files.readAllBytes(journal());
        Files.write(journal(), java.util.Arrays.copyOf(journal, journal.length - 7));

        TransferRun second = run(2);
        assertNull(second.run().receiver().failure());

        TestTrees.assertSameTree(source, target);
        assertTrue(second.bytesRead.get() < total, "what the intact records say was not sent again");
    }

    @Test
    void aCompletedJob_leavesNoTemporaryFile_andAJournalOfPlacedPathsOnly() throws Exception {
        assertNull(run(1).run().receiver().failure());

        assertEquals(List.of("big.bin", "medium.bin", "small"), TestTrees.list(target));
        try (TargetJournal journal = TargetJournal.open(journal().getParent())) {
            assertEquals(0, journal.state().temps().size());
            assertEquals(43, journal.state().placedPaths().size());
        }
    }

}
