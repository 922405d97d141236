package io.sealift.agent.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ManifestEntry.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWriterTest {
    @TempDir
    Path dir;

    private static ValidatedManifest manifest(ManifestEntry... entries) throws TransferException {
        return ValidatedManifest.validate(Manifest.newBuilder().addAllEntries(List.of(entries)).build());
    }

    private static ManifestEntry dir(String path, int mode) {
        return ManifestEntry.newBuilder().setPath(path).setKind(Kind.DIRECTORY).setMode(mode)
                .setMtimeMillis(1_111_111_111_000L).build();
    }

    private static ManifestEntry file(String path, long size, int mode) {
        return ManifestEntry.newBuilder().setPath(path).setKind(Kind.REGULAR).setMode(mode).setSize(size)
                .setMtimeMillis(1_222_222_222_000L).build();
    }

    private static void writeAll(TreeWriter writer, ValidatedManifest manifest) throws TransferException {
        writer.begin(manifest);
        for (int i = 0; i < manifest.regularFiles().size(); i++) {
            int size = (int) manifest.regularFiles().get(i).getSize();
            writer.startFile(i, 0);
            writer.write(new byte[size], 0, size);
            writer.segmentVerified(size);
            assertEquals(null, writer.finishFile());
        }
    }

    private TargetJournal journal;

    private TreeWriter writer(Path root, long session, TempFileOpener opener) {
        if (journal == null) {
            journal = TargetJournal.open(dir.resolve("state/job"));
        }
        return new TreeWriter(root, session, opener, journal, 1024);
    }

    @AfterEach
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void untilCommit_onlyHiddenTemporaryFilesExist_andCommitPutsTheTreeInPlace() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        ValidatedManifest manifest = manifest(dir("a", 0555), file("a/x", 3, 0400), file("y", 0, 0640));
        TreeWriter writer = writer(root, 4, TempFileOpener.real());

        writeAll(writer, manifest);
        assertEquals(List.of(".sealift-tmp-4-0", ".sealift-tmp-4-1"), TestTrees.list(root));

        writer.commit();
        assertEquals(List.of("a", "y"), TestTrees.list(root));
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a"))));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a/x"))));
        assertEquals(1_111_111_111_000L, Files.getLastModifiedTime(root.resolve("a")).toMillis());
        assertEquals(1_222_222_222_000L, Files.getLastModifiedTime(root.resolve("a/x")).toMillis());
        assertEquals(3, Files.size(root.resolve("a/x")));
    }

    @Test
    void abort_removesEveryTemporaryFile_includingAHalfWrittenOne() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        TreeWriter writer = writer(root, 1, TempFileOpener.real());
        writer.begin(manifest(file("a", 10, 0644), file("b", 10, 0644)));
        writer.startFile(0, 0);
        writer.write(new byte[10], 0, 10);
        writer.segmentVerified(10);
        writer.finishFile();
        writer.startFile(1, 0);
        writer.write(new byte[4], 0, 4);
        writer.checkpoint();

        writer.abort();

        assertEquals(List.of(), TestTrees.list(root));
    }

    @Test
    void aSymlinkPlantedWhereADirectoryIsDue_isNeverWrittenThrough_andTheCommitFails() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        TempFileOpener planting = path -> {
            if (!Files.exists(root.resolve("a"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(root.resolve("a"), outside);
            }
            return TempFileOpener.real().create(path);
        };
        TreeWriter writer = writer(root, 1, planting);
        writeAll(writer, manifest(file("first", 1, 0644), dir("a", 0755), file("a/x", 1, 0644)));

        assertThrows(TransferException.class, writer::commit);
        writer.abort();

        assertEquals(List.of(), TestTrees.list(outside));
        assertEquals(List.of("a", "first"), TestTrees.list(root), "the planted link stays, and so does 'first',"
                + " verified and journaled as placed; no temporary file is left");
        assertTrue(Files.isSymbolicLink(root.resolve("a")));
    }

    @Test
    void writesToAFullDisk_failWithDiskFull() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        TempFileOpener full = path -> {
            TempFileOpener.real().create(path).close();
            return java.nio.channels.FileChannel.open(Path.of("/dev/full"), java.nio.file.StandardOpenOption.WRITE);
        };
        TreeWriter writer = writer(root, 1, full);
        writer.begin(manifest(file("a", 10, 0644)));
        writer.startFile(0, 0);

        TransferException e = assertThrows(TransferException.class, () -> writer.write(new byte[10], 0, 10));
        assertEquals(ErrorCode.DISK_FULL, e.code());
        writer.abort();
        assertEquals(List.of(), TestTrees.list(root));
    }

    @Test
    void aWriteErrorThatIsNotAFullDisk_failsThatFileOnly_andTheRestIsPlaced() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        TempFileOpener broken = path -> {
            if (path.getFileName().toString().endsWith("-1")) {
                throw new IOException("Input/output error");
            }
            return TempFileOpener.real().create(path);
        };
        TreeWriter writer = writer(root, 1, broken);
        writer.begin(manifest(file("a", 10, 0644), file("b", 10, 0644), file("c", 3, 0644)));
        List<ErrorCode> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writer.startFile(i, 0);
            writer.write(new byte[10], 0, i == 2 ? 3 : 10);
            writer.segmentVerified(i == 2 ? 3 : 10);
            codes.add(writer.finishFile());
        }
        writer.commit();

        assertEquals(java.util.Arrays.asList(null, ErrorCode.FILE_IO_ERROR, null), codes);
        assertEquals(List.of("a", "c"), TestTrees.list(root));
    }

    @Test
    void suspend_keepsJournaledTemporaryFiles_andANewSessionContinuesThePartialFile() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        ValidatedManifest manifest = manifest(file("done", 700, 0644), file("big", 5000, 0600));
        TreeWriter first = writer(root, 1, TempFileOpener.real());
        first.begin(manifest);
        first.startFile(0, 0);
        first.write(new byte[700], 0, 700);
        first.segmentVerified(700);
        first.finishFile();
        first.startFile(1, 0);
        byte[] ones = new byte[5000];
        java.util.Arrays.fill(ones, (byte) 1);
        first.write(ones, 0, 2500);
        first.segmentVerified(2000);
        first.suspend();

        assertEquals(List.of(".sealift-tmp-1-0", ".sealift-tmp-1-1"), TestTrees.list(root));
        assertTrue(journal.state().holdsComplete(manifest.regularFiles().get(0)));
        assertEquals(2000, journal.state().heldPrefix(manifest.regularFiles().get(1)));

        journal.close();
        journal = TargetJournal.open(dir.resolve("state/job"));
        TreeWriter second = writer(root, 2, TempFileOpener.real());
        second.begin(manifest);
        second.startFile(1, 2000);
        second.write(ones, 2000, 3000);
        second.segmentVerified(3000);
        second.finishFile();
        second.commit();

        assertEquals(List.of("big", "done"), TestTrees.list(root));
        assertArrayEquals(ones, Files.readAllBytes(root.resolve("big")));
        assertEquals(0, journal.state().temps().size());
        assertTrue(journal.state().placed("big").isPresent());
    }

    @Test
    void aHeldTemporaryFileOfAnotherVersion_isNeverPutOverTheVersionTheManifestAsksFor() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        Files.write(root.resolve("f"), new byte[] {1, 1, 1});
        Files.write(root.resolve(".sealift-tmp-1-0"), new byte[] {2, 2, 2});
        TreeWriter writer = writer(root, 2, TempFileOpener.real());
        journal.recordPlaced(new ResumeState.Placed("f", Kind.REGULAR, 3, 1_222_222_222_000L));
        journal.recordTemp(new ResumeState.Temp("f", 3, 999, ".sealift-tmp-1-0", 3, true));

        writer.begin(manifest(file("f", 3, 0644)));
        writer.commit();

        assertArrayEquals(new byte[] {1, 1, 1}, Files.readAllBytes(root.resolve("f")));
        assertEquals(List.of("f"), TestTrees.list(root), "the other version's temporary file is removed");
    }

    @Test
    void targetCheck_createsAMissingRoot_removesStaleTemporaryFiles_andRequiresEmptiness() throws Exception {
        Path root = dir.resolve("landing");
        TargetCheck.prepare(root, 1);
        assertTrue(Files.isDirectory(root));

        Files.writeString(root.resolve(".sealift-tmp-7-3"), "left by a crash");
        TargetCheck.prepare(root, 8);
        assertEquals(List.of(), TestTrees.list(root));

        Files.writeString(root.resolve("existing.txt"), "customer data");
        assertCode(ErrorCode.TARGET_NOT_EMPTY, () -> TargetCheck.prepare(root, 9));
        assertEquals(List.of("existing.txt"), TestTrees.list(root), "nothing of the customer's is touched");

        Path linked = Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(linked.resolve(".sealift-tmp-1-1"), root.resolve("existing.txt"));
        assertCode(ErrorCode.TARGET_NOT_EMPTY, () -> TargetCheck.prepare(linked, 2));
        assertTrue(Files.exists(root.resolve("existing.txt")));
    }

    @Test
    void targetCheck_refusesAMissingParentOrAFile_asPermissionDenied() throws Exception {
        assertCode(ErrorCode.PERMISSION_DENIED, () -> TargetCheck.prepare(dir.resolve("no/such/parent"), 1));
        Files.writeString(dir.resolve("plain-file"), "x");
        assertCode(ErrorCode.PERMISSION_DENIED, () -> TargetCheck.prepare(dir.resolve("plain-file"), 1));
    }

    @Test
    void targetCheck_refusesAnUnwritableRoot_asPermissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path root = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-x------"));
        try {
            assertCode(ErrorCode.PERMISSION_DENIED, () -> TargetCheck.prepare(root, 1));
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void ioErrors_mapToCodes() {
        assertEquals(ErrorCode.DISK_FULL, IoErrors.code(new IOException("No space left on device"), ErrorCode.INTERNAL));
        assertEquals(ErrorCode.DISK_FULL, IoErrors.code(new java.nio.file.FileSystemException("/x", null,
                "Disk quota exceeded"), ErrorCode.INTERNAL));
        assertEquals(ErrorCode.PERMISSION_DENIED, IoErrors.code(new java.nio.file.AccessDeniedException("/x"),
                ErrorCode.INTERNAL));
        assertEquals(ErrorCode.PERMISSION_DENIED, IoErrors.code(new java.nio.file.FileSystemException("/x", null,
                "Read-only file system"), ErrorCode.INTERNAL));
        assertEquals(ErrorCode.INTERNAL, IoErrors.code(new IOException("Input/output error"), ErrorCode.INTERNAL));
    }

    private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        TransferException e = assertThrows(TransferException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }
}
