package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.Cancellation;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.tree.internal.FileModes;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.Manifest;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Walks a source endpoint and lists it as a {@link Manifest}: directories, regular files and
 * symlinks (recorded as links, never followed), with modes and modification times, minus the
 * excluded entries.
 *
 * <p>The order is deterministic and puts every directory before its contents: the entries of a
 * directory come together, sorted by name, and subdirectories are expanded depth first. Other kinds of file (sockets, devices, FIFOs) are
 * skipped with a local warning, and entries that vanish during the walk are left out. Not
 * thread-safe; one walk per instance.
 */
public final class TreeWalker {
    private static final Logger LOG = Logger.getLogger(TreeWalker.class.getName());

    private final Path root;
    private final ExcludeRules excludes;
    private final Cancellation cancellation;

    /** Creates a walker of the directory {@code root}. */
    public TreeWalker(Path root, ExcludeRules excludes, Cancellation cancellation) {
        this.root = root;
        this.excludes = excludes;
        this.cancellation = cancellation;
    }

    /**
     * Walks the tree.
     *
     * @throws TransferException with {@code PERMISSION_DENIED} if the root or a directory in it
     *     cannot be read, {@code SOURCE_CHANGED} if the root vanishes
     */
    public Manifest walk() throws TransferException {
        if (!Files.isDirectory(root)) {
            throw new TransferException(ErrorCode.PERMISSION_DENIED, "source " + root + " is not a directory");
        }
        Manifest.Builder manifest = Manifest.newBuilder();
        Deque<String> pending = new ArrayDeque<>();
        pending.push("");
        while (!pending.isEmpty()) {
            cancellation.check();
            String directory = pending.pop();
            List<ManifestEntry> children = list(directory);
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i).getKind() == ManifestEntry.Kind.DIRECTORY) {
                    pending.push(children.get(i).getPath());
                }
            }
            manifest.addAllEntries(children);
        }
        return manifest.build();
    }

    private List<ManifestEntry> list(String directory) throws TransferException {
        Path dir = directory.isEmpty() ? root : root.resolve(directory);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            if (directory.isEmpty()) {
                throw new TransferException(ErrorCode.SOURCE_CHANGED, "source " + root + " vanished", e);
            }
            return List.of();
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "cannot list " + dir);
        }
        names.sort(null);
        List<ManifestEntry> entries = new ArrayList<>(names.size());
        for (String name : names) {
            String path = directory.isEmpty() ? name : directory + "/" + name;
            if (!excludes.excludes(path, name)) {
                entry(dir.resolve(name), path).ifPresent(entries::add);
            }
        }
        return entries;
    }

    private Optional<ManifestEntry> entry(Path file, String path) throws TransferException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "cannot read the attributes of " + file);
        }
        ManifestEntry.Builder entry = ManifestEntry.newBuilder()
                .setPath(path)
                .setMode(FileModes.toBits(attributes.permissions()))
                .setMtimeMillis(attributes.lastModifiedTime().toMillis());
        if (attributes.isDirectory()) {
            return Optional.of(entry.setKind(ManifestEntry.Kind.DIRECTORY).build());
        }
        if (attributes.isRegularFile()) {
            return Optional.of(entry.setKind(ManifestEntry.Kind.REGULAR).setSize(attributes.size()).build());
        }
        if (attributes.isSymbolicLink()) {
            return link(file, entry);
        }
        LOG.warning(() -> "skipping " + file + ": not a regular file, directory or symlink");
        return Optional.empty();
    }

    private static Optional<ManifestEntry> link(Path file, ManifestEntry.Builder entry) throws TransferException {
        try {
            String target = Files.readSymbolicLink(file).toString();
            return Optional.of(entry.setKind(ManifestEntry.Kind.SYMLINK).setLinkTarget(target).build());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "cannot read the link " + file);
        }
    }
}
