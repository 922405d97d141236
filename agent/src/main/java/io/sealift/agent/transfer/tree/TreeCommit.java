package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.tree.internal.FileModes;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Puts a session's tree in place under the target root, write-ahead: first every path it will
 * create is recorded as {@code PLACED} in the journal and flushed, so after a crash in the middle
 * everything of the job's in the target is known to be the job's; then directories are created
 * (0700 until the end), temporary files renamed to their final names, symlinks created last as
 * links with their target verbatim, and directories given their mtimes and modes deepest first
 * and fsynced. Finally the temporary files no longer needed are removed and the journal is left
 * holding only what was placed.
 *
 * <p>Something the job placed earlier (by the journal) may be reused or replaced; anything else
 * in the way fails the commit: the target was changed under the agent. Every parent is checked
 * with {@code NOFOLLOW_LINKS} before something is created in it. One run per instance.
 */
final class TreeCommit {
    private static final Logger LOG = Logger.getLogger(TreeCommit.class.getName());
    private static final CommitProbe PROBE = CommitProbe.installed();

    private final Path root;
    private final ValidatedManifest manifest;
    private final TargetJournal journal;
    private final String[] sessionTemps;
    private final FileFinisher finisher;
    private final Set<String> ours;
    private int renames;

    /**
     * @param sessionTemps per regular file, the temporary file that holds all of it from this
     *     session, or null
     */
    TreeCommit(Path root, ValidatedManifest manifest, TargetJournal journal, String[] sessionTemps,
            FileFinisher finisher) {
        this.root = root;
        this.manifest = manifest;
        this.journal = journal;
        this.sessionTemps = sessionTemps;
        this.finisher = finisher;
        this.ours = new HashSet<>();
        journal.state().placedPaths().forEach(placed -> ours.add(placed.path()));
    }

    void run() throws IOException, TransferException, InterruptedException {
        recordIntents();
        journal.sync();
        placeEntries();
        placeLinks();
        finishDirectories();
        for (ResumeState.Temp temp : List.copyOf(journal.state().temps())) {
            Files.deleteIfExists(root.resolve(temp.name()));
        }
        journal.forgetTemps();
    }

    /** Returns the temporary file that holds all of regular file {@code index}, or null if none does. */
    private String source(int index, ManifestEntry entry) {
        if (sessionTemps[index] != null) {
            return sessionTemps[index];
        }
        return journal.state().temp(entry.getPath())
                .filter(temp -> temp.complete() && temp.matches(entry))
                .map(ResumeState.Temp::name).orElse(null);
    }

    private void recordIntents() {
        int regular = 0;
        for (ManifestEntry entry : manifest.manifest().getEntriesList()) {
            boolean create = switch (entry.getKind()) {
                case REGULAR -> source(regular++, entry) != null;
                case DIRECTORY, SYMLINK -> !ours.contains(entry.getPath());
                default -> false;
            };
            if (create) {
                journal.recordPlaced(new ResumeState.Placed(entry.getPath(), entry.getKind(), entry.getSize(),
                        entry.getMtimeMillis()));
            }
        }
    }

    private void placeEntries() throws IOException, TransferException {
        int regular = 0;
        for (ManifestEntry entry : manifest.manifest().getEntriesList()) {
            if (entry.getKind() == ManifestEntry.Kind.DIRECTORY) {
                placeDirectory(entry);
            } else if (entry.getKind() == ManifestEntry.Kind.REGULAR) {
                int index = regular++;
                placeFile(entry, source(index, entry), sessionTemps[index] != null);
            }
        }
    }

    private void placeDirectory(ManifestEntry entry) throws IOException, TransferException {
        Path directory = target(entry);
        BasicFileAttributes existing = attributes(directory);
        if (existing == null) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else if (existing.isDirectory() && ours.contains(entry.getPath())) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } else {
            throw inTheWay(directory);
        }
    }

    private void placeFile(ManifestEntry entry, String temp, boolean fromThisSession)
            throws IOException, TransferException {
        Path file = target(entry);
        BasicFileAttributes existing = attributes(file);
        boolean replaceable = existing != null && existing.isRegularFile() && ours.contains(entry.getPath());
        if (temp == null) {
            if (replaceable) {
                Files.setPosixFilePermissions(file, FileModes.fromBits(entry.getMode()));
            }
            return;
        }
        Path from = root.resolve(temp);
        if (!fromThisSession) {
            setTimes(from, entry, false);
            Files.setPosixFilePermissions(from, FileModes.fromBits(entry.getMode()));
        }
        if (existing == null) {
            PROBE.beforeRename(from, file, renames++);
            Files.move(from, file);
        } else if (replaceable) {
            PROBE.beforeRename(from, file, renames++);
            Files.move(from, file, StandardCopyOption.ATOMIC_MOVE);
        } else {
            throw inTheWay(file);
        }
    }

    private void placeLinks() throws IOException, TransferException {
        for (ManifestEntry entry : manifest.manifest().getEntriesList()) {
            if (entry.getKind() != ManifestEntry.Kind.SYMLINK) {
                continue;
            }
            Path link = target(entry);
            BasicFileAttributes existing = attributes(link);
            if (existing != null) {
                if (!existing.isSymbolicLink() || !ours.contains(entry.getPath())) {
                    throw inTheWay(link);
                }
                if (Files.readSymbolicLink(link).toString().equals(entry.getLinkTarget())) {
                    setTimes(link, entry, true);
                    continue;
                }
                Files.delete(link);
            }
            Files.createSymbolicLink(link, Path.of(entry.getLinkTarget()));
            setTimes(link, entry, true);
        }
    }

    private static void setTimes(Path path, ManifestEntry entry, boolean link) {
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(entry.getMtimeMillis()), null, null);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.fine(() -> "cannot set the time of " + (link ? "link " : "") + path + ": " + e);
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

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static TransferException inTheWay(Path path) {
        return new TransferException(ErrorCode.INTERNAL, path + " is in the way and was not put there by this job;"
                + " something changed the target during the transfer");
    }
}
