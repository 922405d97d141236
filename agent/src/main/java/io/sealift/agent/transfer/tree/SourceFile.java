package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One regular source file being read for the sealed stream: exactly the manifest's size, from a
 * given offset, never through a symlink. Every failure is the file's own, with a per-file code:
 * {@code FILE_VANISHED} (gone), {@code SOURCE_CHANGED} (replaced, shorter, longer or modified
 * since the walk), {@code PERMISSION_DENIED} (not readable), {@code FILE_IO_ERROR} (anything else).
 *
 * <p>Not thread-safe. Close it.
 */
public final class SourceFile implements AutoCloseable {
    private final Path path;
    private final ManifestEntry entry;
    private final FileChannel channel;
    private long remaining;

    private SourceFile(Path path, ManifestEntry entry, FileChannel channel, long offset) {
        this.path = path;
        this.entry = entry;
        this.channel = channel;
        this.remaining = entry.getSize() - offset;
    }

    /**
     * Opens the file of {@code entry} under {@code root}, positioned at {@code offset}.
     *
     * @throws TransferException with a per-file code if it cannot be read
     * @throws IllegalArgumentException if {@code offset} is outside [0, size]
     */
    public static SourceFile open(Path root, ManifestEntry entry, long offset, SourceOpener opener)
            throws TransferException {
        if (offset < 0 || offset > entry.getSize()) {
            throw new IllegalArgumentException("offset " + offset + " is outside the file's " + entry.getSize() + " bytes");
        }
        Path path = root.resolve(entry.getPath());
        requireRegularFile(path);
        FileChannel channel;
        try {
            channel = opener.open(path);
        } catch (IOException e) {
            throw failure(path, e, "cannot open");
        }
        try {
            channel.position(offset);
        } catch (IOException e) {
            close(channel);
            throw failure(path, e, "cannot seek in");
        }
        return new SourceFile(path, entry, channel, offset);
    }

    /** Refuses what is no longer a regular file before opening it: opening a FIFO would block. */
    private static void requireRegularFile(Path path) throws TransferException {
        try {
            if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                throw changed(path, "is no longer a regular file");
            }
        } catch (IOException e) {
            throw failure(path, e, "cannot read the attributes of");
        }
    }

    /** Returns the per-file failure for {@code e}. */
    private static TransferException failure(Path path, IOException e, String what) {
        if (e instanceof NoSuchFileException) {
            return new TransferException(ErrorCode.FILE_VANISHED, "source file " + path + " is gone", e);
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().contains("symbolic link")) {
            return changed(path, "is now a symlink");
        }
        ErrorCode code = e instanceof AccessDeniedException || IoErrors.code(e, ErrorCode.FILE_IO_ERROR)
                == ErrorCode.PERMISSION_DENIED ? ErrorCode.PERMISSION_DENIED : ErrorCode.FILE_IO_ERROR;
        return new TransferException(code, what + " " + path + ": " + e, e);
    }

    /** Returns how many of the manifest's bytes are still to be read. */
    public long remaining() {
        return remaining;
    }

    /**
     * Reads up to {@code length} bytes into {@code buffer} at {@code offset}, never past the
     * manifest's size.
     *
     * @return the number of bytes read, at least 1 while {@link #remaining()} is positive
     * @throws TransferException with {@code SOURCE_CHANGED} if the file ends early, or
     *     {@code FILE_IO_ERROR}
     */
    public int read(byte[] buffer, int offset, int length) throws TransferException {
        int wanted = (int) Math.min(length, remaining);
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, wanted);
        try {
            while (target.hasRemaining()) {
                if (channel.read(target) < 0) {
                    throw changed(path, "ended " + (remaining - (target.position() - offset)) + " bytes early");
                }
            }
        } catch (IOException e) {
            throw failure(path, e, "cannot read");
        }
        remaining -= wanted;
        return wanted;
    }

    /**
     * Checks, after the last byte, that the file still has the manifest's size and mtime.
     *
     * @throws TransferException with {@code SOURCE_CHANGED} if not, {@code FILE_VANISHED} if it is gone
     */
    public void checkUnchanged() throws TransferException {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (channel.size() != entry.getSize() || !now.isRegularFile() || now.size() != entry.getSize()
                    || now.lastModifiedTime().toMillis() != entry.getMtimeMillis()) {
                throw changed(path, "was modified while it was being sent");
            }
        } catch (IOException e) {
            throw failure(path, e, "cannot check");
        }
    }

    private static TransferException changed(Path path, String how) {
        return new TransferException(ErrorCode.SOURCE_CHANGED, "source file " + path + " " + how);
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Read-only: nothing is lost by a failed close.
        }
    }
}
