package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.tree.internal.FileModes;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes a verified manifest's tree into a target root, so that the tree appears only when all of
 * it verified and nothing partial is ever left under a final name.
 *
 * <p>While the stream runs, regular files go to hidden temporary files directly in the root
 * ({@value #TEMP_PREFIX}{@code <session>-<n>}, created exclusively, owner-only), which are then
 * fsynced and given their mtime and mode in the background. Only {@link #commit()}, called once
 * the whole session verified, creates directories, renames the temporary files to their final
 * names (never replacing anything), creates symlinks (last, as links, never followed), and sets
 * directories' mtimes and modes after their contents. Every parent is checked with
 * {@code NOFOLLOW_LINKS} before something is created in it. {@link #abort()} removes every
 * temporary file and anything a failed commit had created.
 *
 * <p>Not thread-safe: the receiver's thread owns it.
 */
public final class TreeWriter {
    /** The name prefix of temporary files in a target root; reserved at the top level. */
    public static final String TEMP_PREFIX = ".sealift-tmp-";

    private static final Logger LOG = Logger.getLogger(TreeWriter.class.getName());

    private final Path root;
    private final long session;
    private final TempFileOpener opener;
    private final Deque<Path> created = new ArrayDeque<>();
    private FileFinisher finisher;
    private ValidatedManifest manifest;
    private FileChannel current;
    private int started;

    /** Creates a writer into {@code root} (already checked by {@link TargetCheck}) for {@code session}. */
    public TreeWriter(Path root, long session, TempFileOpener opener) {
        this.root = root;
        this.session = session;
        this.opener = opener;
    }

    /** Starts writing the tree of {@code verified}. */
    public void begin(ValidatedManifest verified) {
        if (manifest != null) {
            throw new IllegalStateException("the manifest was already given");
        }
        this.manifest = verified;
        this.finisher = new FileFinisher();
    }

    /**
     * Creates the temporary file of the next regular file in manifest order.
     *
     * @throws TransferException if it cannot be created
     */
    public void openNext() throws TransferException {
        if (manifest == null || current != null || started >= manifest.regularFiles().size()) {
            throw new IllegalStateException("no regular file is due");
        }
        Path temp = temp(started++);
        try {
            current = opener.create(temp);
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot create " + temp);
        }
    }

    /** Appends {@code length} bytes of {@code data} at {@code offset} to the open temporary file. */
    public void write(byte[] data, int offset, int length) throws TransferException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        try {
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot write " + temp(started - 1));
        }
    }

    /** Closes the open temporary file, which now holds all its verified bytes, and queues it to be finished. */
    public void closeCurrent() throws TransferException {
        int index = started - 1;
        try {
            FileChannel channel = current;
            current = null;
            channel.close();
            finisher.finish(temp(index), manifest.regularFiles().get(index));
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot finish " + temp(index));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(ErrorCode.INTERNAL, "interrupted while finishing files", e);
        }
    }

    private Path temp(int index) {
        return root.resolve(TEMP_PREFIX + session + "-" + index);
    }

    /**
     * Puts the tree in place: directories, files, symlinks, then directory times and modes.
     *
     * @throws TransferException if anything fails; what was created is removed again
     * @throws IllegalStateException if a regular file was not written in full
     */
    public void commit() throws TransferException {
        if (manifest == null || current != null || started != manifest.regularFiles().size()) {
            throw new IllegalStateException("not every regular file was written");
        }
        try {
            finisher.awaitAll();
            placeEntries();
            placeLinks();
            finishDirectories();
            finisher.close();
        } catch (IOException e) {
            rollBack();
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot put the tree in place under " + root);
        } catch (TransferException e) {
            rollBack();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rollBack();
            throw new TransferException(ErrorCode.INTERNAL, "interrupted while putting the tree in place", e);
        }
    }

    private void placeEntries() throws IOException, TransferException {
        int regular = 0;
        for (ManifestEntry entry : manifest.manifest().getEntriesList()) {
            if (entry.getKind() == ManifestEntry.Kind.DIRECTORY) {
                Path directory = target(entry);
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                created.push(directory);
            } else if (entry.getKind() == ManifestEntry.Kind.REGULAR) {
                Path file = target(entry);
                Files.move(temp(regular++), file);
                created.push(file);
            }
        }
    }

    private void placeLinks() throws IOException, TransferException {
        for (ManifestEntry entry : manifest.manifest().getEntriesList()) {
            if (entry.getKind() == ManifestEntry.Kind.SYMLINK) {
                Path link = target(entry);
                Files.createSymbolicLink(link, Path.of(entry.getLinkTarget()));
                created.push(link);
                setLinkTime(link, entry);
            }
        }
    }

    private static void setLinkTime(Path link, ManifestEntry entry) {
        try {
            Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(entry.getMtimeMillis()), null, null);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.fine(() -> "cannot set the time of link " + link + ": " + e);
        }
    }

    /** Syncs every directory (in parallel), then sets their mtimes and modes, deepest first. */
    private void finishDirectories() throws IOException, InterruptedException {
        List<ManifestEntry> entries = manifest.manifest().getEntriesList();
        for (ManifestEntry entry : entries) {
            if (entry.getKind() == ManifestEntry.Kind.DIRECTORY) {
                finisher.sync(root.resolve(entry.getPath()));
            }
        }
        finisher.awaitAll();
        for (int i = entries.size() - 1; i >= 0; i--) {
            ManifestEntry entry = entries.get(i);
            if (entry.getKind() == ManifestEntry.Kind.DIRECTORY) {
                Path directory = root.resolve(entry.getPath());
                Files.getFileAttributeView(directory, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.fromMillis(entry.getMtimeMillis()), null, null);
                Files.getFileAttributeView(directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(FileModes.fromBits(entry.getMode()));
            }
        }
        FileFinisher.fsync(root);
    }

    /** Returns the final path of {@code entry}, after checking its parent is a real directory. */
    private Path target(ManifestEntry entry) throws IOException, TransferException {
        Path path = root.resolve(entry.getPath());
        Path parent = path.getParent();
        if (!parent.equals(root)
                && !Files.readAttributes(parent, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) {
            throw new TransferException(ErrorCode.INTERNAL, "the parent of " + path
                    + " is no longer a directory; something changed the target during the commit");
        }
        return path;
    }

    private void rollBack() {
        while (!created.isEmpty()) {
            Path path = created.pop();
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warning(() -> "cannot remove " + path + " after a failed commit: " + e);
            }
        }
    }

    /** Removes every temporary file (and anything a failed commit created). Idempotent; never throws. */
    public void abort() {
        if (finisher != null) {
            finisher.close();
        }
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.fine(() -> "closing a temporary file failed: " + e);
            }
            current = null;
        }
        rollBack();
        for (int i = 0; i < started; i++) {
            Path temp = temp(i);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warning(() -> "cannot remove temporary file " + temp + ": " + e);
            }
        }
    }
}
