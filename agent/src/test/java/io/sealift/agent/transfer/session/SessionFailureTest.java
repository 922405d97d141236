package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.testing.TransferRun;
import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.tree.ExcludeRules;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.proto.v1.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFailureTest {
    @TempDir
    Path dir;

    private Path source;
    private Path target;

    @BeforeEach
    void tree() throws IOException {
        source = dir.resolve("source");
        target = Files.createDirectories(dir.resolve("target"));
        TestTrees.sample(source, 1024, 5);
    }

    private TransferRun run() {
        return new TransferRun(source, target, dir.resolve("state"));
    }

    @Test
    void aSourceFileThatChangesWhileSending_failsOnItsOwnWithSourceChanged_andEverythingElseArrives() throws Exception {
        Path big = source.resolve("docs/deep/er/still/big.bin");
        TransferRun.Result result = run().tamper((index, message) -> {
            if (index == 1) {
                try {
                    Files.write(big, new byte[] {1}, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return List.of(message);
        }).run();

        assertNull(result.sender().failure());
        assertNull(result.receiver().failure());
        for (TransferRun.Side side : List.of(result.sender(), result.receiver())) {
            FileResults results = side.outcome().results();
            assertEquals(1, results.filesFailed());
            assertEquals(java.util.Map.of(ErrorCode.SOURCE_CHANGED, 1L), results.errorCounts());
            assertEquals(6, results.filesDone());
        }
        assertFalse(Files.exists(target.resolve("docs/deep/er/still/big.bin")), "no partial file under its name");
        assertFalse(TransferRun.hasTemps(target));
        assertTrue(Files.exists(target.resolve("docs/over-frame.bin")));
    }

    @Test
    void aFullDisk_failsTheReceiverWithDiskFull_retryably_andTheNextSessionResumesOnceThereIsSpace() throws Exception {
        AtomicInteger created = new AtomicInteger();
        TempFileOpener fillsUp = path -> {
            FileChannel real = TempFileOpener.real().create(path);
            if (created.incrementAndGet() < 3) {
                return real;
            }
            real.close();
            return FileChannel.open(Path.of("/dev/full"), StandardOpenOption.WRITE);
        };

        TransferRun.Result result = run().opener(fillsUp).run();

        assertEquals(ErrorCode.DISK_FULL, result.receiver().code());
        assertTrue(result.receiver().failure().retryable());
        assertEquals(ErrorCode.DISK_FULL, result.sender().code());
        assertTrue(TestTrees.list(target).stream().allMatch(name -> name.startsWith(".sealift-tmp-1-")),
                "nothing under a final name; the verified files wait in journaled temporary files");
        assertEquals(2, TestTrees.list(target).size(), "the two files written before the disk filled");

        TransferRun resumed = run().session(2);
        TransferRun.Result second = resumed.run();

        assertNull(second.receiver().failure(), () -> String.valueOf(second.receiver().failure()));
        TestTrees.assertSameTree(source, target);
        FileResults results = second.receiver().outcome().results();
        assertEquals(List.of(FileResults.Status.HELD, FileResults.Status.HELD, FileResults.Status.TRANSFERRED),
                List.of(results.status(0), results.status(1), results.status(2)), "the first two files were not sent again");
    }

    @Test
    void aCancelledReceiver_stops_keepingOnlyTheTemporaryFilesItsJournalKnows() throws Exception {
        Cancellation cancellation = new Cancellation();
        TransferRun.Result result = run().receiverCancellation(cancellation).tamper((index, message) -> {
            if (index == 4) {
                cancellation.cancel();
            }
            return List.of(message);
        }).run();

        assertEquals(ErrorCode.INTERNAL, result.receiver().code(), "the job layer reports CANCELLED by its own flag");
        java.util.Set<String> journaled = new java.util.HashSet<>();
        try (TargetJournal journal = TargetJournal.open(dir.resolve("state/transfers/job-1"))) {
            journal.state().temps().forEach(temp -> journaled.add(temp.name()));
        }
        assertEquals(journaled, new java.util.HashSet<>(TestTrees.list(target)));
    }

    @Test
    void anEmptySource_makesAnEmptyTarget() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        TransferRun.Result result = new TransferRun(empty, target, dir.resolve("state")).run();

        assertNull(result.receiver().failure());
        assertEquals(0, result.receiver().outcome().files());
        assertEquals(List.of(), TestTrees.list(target));
    }

    @Test
    void manySmallAndEmptyFiles_crossFrameBoundaries_intact() throws Exception {
        Path many = Files.createDirectories(dir.resolve("many"));
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < 300; i++) {
            Path sub = Files.createDirectories(many.resolve("d" + (i % 7)));
            Files.write(sub.resolve("f" + i), TestTrees.bytes(random, i % 5 == 0 ? 0 : random.nextInt(3000)));
        }

        TransferRun run = new TransferRun(many, target, dir.resolve("state"));
        TransferRun.Result result = run.run();

        assertNull(result.receiver().failure(), () -> String.valueOf(result.receiver().failure()));
        TestTrees.assertSameTree(many, target);
        assertEquals(300, run.receiverProgress.snapshot().filesDone());
        assertEquals(run.senderProgress.snapshot(), run.receiverProgress.snapshot());
    }

    @Test
    void excludedEntries_stayBehind() throws Exception {
        TransferRun.Result result = run().excludes(ExcludeRules.of(List.of("*.bin", "deep"))).run();

        assertNull(result.receiver().failure());
        assertEquals(List.of("absolute-link", "dangling", "dir-link", "docs", "empty-dir", "empty.txt"),
                TestTrees.list(target));
        assertEquals(List.of("link-up", "report.txt"), TestTrees.list(target.resolve("docs")));
    }
}
