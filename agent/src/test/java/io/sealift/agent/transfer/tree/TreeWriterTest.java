package io.sealift.agent.transfer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import io.sealift.proto.v1.ManifestEntry.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
        for (ManifestEntry entry : manifest.regularFiles()) {
            writer.openNext();
            writer.write(new byte[(int) entry.getSize()], 0, (int) entry.getSize());
            writer.closeCurrent();
        }
    }

    @Test
    void untilCommit_onlyHiddenTemporaryFilesExist_andCommitPutsTheTreeInPlace() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        ValidatedManifest manifest = manifest(dir("a", 0555), file("a/x", 3, 0400), file("y", 0, 0640));
        TreeWriter writer = new TreeWriter(root, 4, TempFileOpener.real());

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
        TreeWriter writer = new TreeWriter(root, 1, TempFileOpener.real());
        writer.begin(manifest(file("a", 10, 0644), file("b", 10, 0644)));
        writer.openNext();
        writer.write(new byte[10], 0, 10);
        writer.closeCurrent();
        writer.openNext();
        writer.write(new byte[4], 0, 4);

        writer.abort();

        assertEquals(List.of(), TestTrees.list(root));
    }

    @Test
    void aSymlinkPlantedWhereADirectoryIsDue_isNeverWrittenThrough_andTheCommitIsRolledBack() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        TempFileOpener planting = path -> {
            if (!Files.exists(root.resolve("a"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(root.resolve("a"), outside);
            }
            return TempFileOpener.real().create(path);
        };
        TreeWriter writer = new TreeWriter(root, 1, planting);
        writeAll(writer, manifest(file("first", 1, 0644), dir("a", 0755), file("a/x", 1, 0644)));

        assertThrows(TransferException.class, writer::commit);
        writer.abort();

        assertEquals(List.of(), TestTrees.list(outside));
        assertEquals(List.of("a"), TestTrees.list(root), "only the planted link is left; 'first' was rolled back");
    }

    @Test
    void writesToAFullDisk_failWithDiskFull() throws Exception {
        Path root = Files.createDirectories(dir.resolve("target"));
        TempFileOpener full = path -> {
            TempFileOpener.real().create(path).close();
            return java.nio.channels.FileChannel.open(Path.of("/dev/full"), java.nio.file.StandardOpenOption.WRITE);
        };
        TreeWriter writer = new TreeWriter(root, 1, full);
        writer.begin(manifest(file("a", 10, 0644)));
        writer.openNext();

        TransferException e = assertThrows(TransferException.class, () -> writer.write(new byte[10], 0, 10));
        assertEquals(ErrorCode.DISK_FULL, e.code());
        writer.abort();
        assertEquals(List.of(), TestTrees.list(root));
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
