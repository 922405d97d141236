package io.sealift.control.config;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The control plane's data directory (mode 0700) and the private files in it (mode 0600).
 *
 * <p>Thread-safe. Private files are created with their final permissions, written to a
 * temporary name, fsynced and renamed, so a crash never leaves a half-written key behind.
 */
@Singleton
public final class DataDirectory {
    private static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    /** Creates the directory if needed; throws {@link UncheckedIOException} if it cannot. */
    public DataDirectory(SealiftSettings settings) {
        this(Path.of(settings.dataDir()));
    }

    DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        createPrivateDirectory(this.root);
    }

    /** Returns the directory's absolute path. */
    public Path root() {
        return root;
    }

    /** Returns {@code relative} resolved inside the data directory, creating its parents 0700. */
    public Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("path '" + relative + "' leaves the data directory");
        }
        createPrivateDirectory(path.getParent());
        return path;
    }

    /**
     * Writes {@code content} to {@code relative} with mode 0600, atomically.
     *
     * @param createOnly when true, fails with {@link FileAlreadyExistsException} (wrapped) if the
     *     file exists, so a secret written once is never replaced
     */
    public Path writePrivateFile(String relative, byte[] content, boolean createOnly) {
        Path target = resolve(relative);
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            if (createOnly && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(FILE_0600));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            moveAtomically(temp, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, DIR_0700);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }
}
