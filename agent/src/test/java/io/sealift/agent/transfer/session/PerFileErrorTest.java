package io.sealift.agent.transfer.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.testing.CountingFileChannel;
import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.testing.TransferRun;
import io.sealift.agent.transfer.tree.SourceOpener;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.proto.v1.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be read or written fails on its own: the session goes on, ends well with
 * the failure counted on both sides, and nothing of that file appears under its final name.
 * (Tests run as root here, so chmod 000 would not stop a read: failures are injected.)
 */
class PerFileErrorTest {
    @TempDir
    Path dir;

    private Path source;
    private Path target;

    @BeforeEach
    void tree() throws IOException {
        source = dir.resolve("source");
        target = Files.createDirectories(dir.resolve("target"));
        TestTrees.sample(source, 1024, 23);
    }

    private TransferRun run() {
        return new TransferRun(source, target, dir.resolve("state"));
    }

    /** Opens real files, except that {@code path} fails with {@code failure}. */
    private SourceOpener failing(String path, IOException failure) {
        return file -> {
            if (file.equals(source.resolve(path))) {
                throw failure;
            }
            return SourceOpener.real().open(file);
        };
    }

    private void assertFailedOnItsOwn(TransferRun.Result result, String path, ErrorCode code) {
        assertNull(result.sender().failure(), () -> String.valueOf(result.sender().failure()));
        assertNull(result.receiver().failure(), () -> String.valueOf(result.receiver().failure()));
        for (TransferRun.Side side : List.of(result.sender(), result.receiver())) {
            FileResults results = side.outcome().results();
            assertEquals(Map.of(code, 1L), results.errorCounts());
            assertEquals(6, results.filesDone());
            int index = indexOf(results, path);
            assertEquals(FileResults.Status.FAILED, results.status(index));
        }
        assertFalse(Files.exists(target.resolve(path)), "nothing of the failed file under its name");
        assertFalse(TransferRun.hasTemps(target), "and no temporary file of it either");
        for (String other : List.of("one.bin", "docs/report.txt", "docs/deep/er/still/big.bin")) {
            if (!other.equals(path)) {
                assertTrue(Files.isRegularFile(target.resolve(other)), other + " arrived");
            }
        }
    }

    private static int indexOf(FileResults results, String path) {
        for (int i = 0; i < results.files().size(); i++) {
            if (results.files().get(i).getPath().equals(path)) {
                return i;
            }
        }
        throw new AssertionError(path + " is not in the manifest");
    }

    @Test
    void aFileThatVanishesAfterTheWalk_failsWithFileVanished() throws Exception {
        TransferRun.Result result = run().sourceOpener(failing("docs/report.txt",
                new NoSuchFileException("docs/report.txt"))).run();

        assertFailedOnItsOwn(result, "docs/report.txt", ErrorCode.FILE_VANISHED);
    }

    @Test
    void aFileTheSystemRefusesToOpen_failsWithPermissionDenied() throws Exception {
        TransferRun.Result result = run().sourceOpener(failing("one.bin", new AccessDeniedException("one.bin"))).run();

        assertFailedOnItsOwn(result, "one.bin", ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void aReadErrorInTheMiddleOfAFile_failsItWithFileIoError_andItsPartialBytesAreDropped() throws Exception {
        Path big = source.resolve("docs/deep/er/still/big.bin");
        SourceOpener breaksMidway = file -> {
            FileChannel real = SourceOpener.real().open(file);
            return file.equals(big) ? new BreakingChannel(real, 3000) : real;
        };

        TransferRun.Result result = run().sourceOpener(breaksMidway).run();

        assertFailedOnItsOwn(result, "docs/deep/er/still/big.bin", ErrorCode.FILE_IO_ERROR);
    }

    @Test
    void aFileReplacedByAFifoAfterTheWalk_failsWithSourceChanged_withoutBlockingTheSender() throws Exception {
        Path report = source.resolve("docs/report.txt");
        TransferRun.Result result = run().tamper((index, message) -> {
            if (index == 0) {
                try {
                    Files.delete(report);
                    Process mkfifo = new ProcessBuilder("mkfifo", report.toString()).start();
                    assertEquals(0, mkfifo.waitFor());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of(message);
        }).run();

        assertFailedOnItsOwn(result, "docs/report.txt", ErrorCode.SOURCE_CHANGED);
    }

    @Test
    void aFileTheReceiverCannotWrite_failsWithFileIoError_onBothSides() throws Exception {
        TempFileOpener oneFails = path -> {
            if (path.getFileName().toString().equals(".sealift-tmp-1-1")) {
                throw new IOException("Input/output error");
            }
            return TempFileOpener.real().create(path);
        };

        TransferRun.Result result = run().opener(oneFails).run();

        assertFailedOnItsOwn(result, "one.bin", ErrorCode.FILE_IO_ERROR);
    }

    @Test
    void aSessionOfTheFailedFilesOnly_sendsJustThose_andCountsTheRestAsSkipped() throws Exception {
        TransferRun.Result first = run().sourceOpener(failing("docs/over-frame.bin",
                new IOException("Input/output error"))).run();
        assertEquals(1, first.sender().outcome().results().filesFailed());

        TransferRun retry = run().session(2).onlyFailed(java.util.Set.of("docs/over-frame.bin"));
        TransferRun.Result second = retry.run();

        assertNull(second.receiver().failure(), () -> String.valueOf(second.receiver().failure()));
        TestTrees.assertSameTree(source, target);
        assertEquals(Files.size(source.resolve("docs/over-frame.bin")), retry.bytesRead.get(), "only that file was read");
        for (TransferRun.Side side : List.of(second.sender(), second.receiver())) {
            FileResults results = side.outcome().results();
            assertEquals(0, results.filesFailed());
            assertEquals(6, results.filesSkipped());
            assertEquals(7, results.filesDone(), "the skipped files are in place from the first session");
        }
    }

    /** A channel whose reads fail once {@code limit} bytes were read. */
    private static final class BreakingChannel extends FileChannelDelegate {
        private final AtomicLong read = new AtomicLong();
        private final long limit;

        BreakingChannel(FileChannel inner, long limit) {
            super(inner);
            this.limit = limit;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (read.get() >= limit) {
                throw new IOException("Input/output error");
            }
            int n = super.read(dst);
            read.addAndGet(Math.max(n, 0));
            return n;
        }
    }

    /** Delegates to another channel; {@link CountingFileChannel} with a counter nobody reads. */
    private static class FileChannelDelegate extends CountingFileChannel {
        FileChannelDelegate(FileChannel inner) {
            super(inner, new AtomicLong());
        }
    }
}
