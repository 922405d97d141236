package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One regular source file being read for the sealed stream: exactly the manifest's size, never
 * through a symlink. A file that is gone, replaced, shorter, longer or modified since the walk
 * fails with {@code SOURCE_CHANGED}, because the stream's layout was fixed by the manifest.
 *
 * <p>Not thread-safe. Close it.
 */
public final class SourceFile implements AutoCloseable {
    private final Path path;
    private final ManifestEntry entry;
    private final FileChannel channel;
    private long remaining;

    private SourceFile(Path path, ManifestEntry entry, FileChannel channel) {
        this.path = path;
        this.entry = entry;
        this.channel = channel;
        this.remaining = entry.getSize();
    }

    /**
     * Opens the file of {@code entry} under {@code root}.
     *
     * @throws TransferException with {@code SOURCE_CHANGED} if it is gone or now a link, or a
     *     code for the I/O failure
     */
    public static SourceFile open(Path root, ManifestEntry entry) throws TransferException {
        Path path = root.resolve(entry.getPath());
        try {
            return new SourceFile(path, entry,
                    FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            throw changed(path, "is gone");
        } catch (IOException e) {
            if (e instanceof FileSystemException fs && fs.getReason() != null
                    && fs.getReason().contains("symbolic link")) {
                throw changed(path, "is now a symlink");
            }
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "cannot open " + path);
        }
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
     * @throws TransferException with {@code SOURCE_CHANGED} if the file ends early
     */
    public int read(byte[] buffer, int offset, int length) throws TransferException {
        int wanted = (int) Math.min(length, remaining);
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, wanted);
        try {
            while (target.hasRemaining()) {
                if (channel.read(target) < 0) {
                    throw changed(path, "ended " + remaining + " bytes early");
                }
            }
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot read " + path);
        }
        remaining -= wanted;
        return wanted;
    }

    /**
     * Checks, after the last byte, that the file still has the manifest's size and mtime.
     *
     * @throws TransferException with {@code SOURCE_CHANGED} if not
     */
    public void checkUnchanged() throws TransferException {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (channel.size() != entry.getSize() || !now.isRegularFile() || now.size() != entry.getSize()
                    || now.lastModifiedTime().toMillis() != entry.getMtimeMillis()) {
                throw changed(path, "was modified while it was being sent");
            }
        } catch (NoSuchFileException e) {
            throw changed(path, "is gone");
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot check " + path);
        }
    }

    private static TransferException changed(Path path, String how) {
        return new TransferException(ErrorCode.SOURCE_CHANGED, "source file " + path + " " + how);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Read-only: nothing is lost by a failed close.
        }
    }
}
