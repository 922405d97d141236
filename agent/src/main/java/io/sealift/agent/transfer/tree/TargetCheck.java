package io.sealift.agent.transfer.tree;

import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.proto.v1.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Gets a target endpoint's root ready for a session: creates it if only its last segment is
 * missing, removes temporary files no journal entry of the job refers to (left by a crash, or by
 * another job), and then requires it to hold nothing but the job's own earlier results
 * ({@code TARGET_NOT_EMPTY}) and to be writable ({@code PERMISSION_DENIED}, or
 * {@code DISK_FULL}). Only the root's own entries are checked. Stateless.
 */
public final class TargetCheck {
    private static final Logger LOG = Logger.getLogger(TargetCheck.class.getName());

    private TargetCheck() {
    }

    /**
     * Prepares {@code root} for session {@code session} of a job that has nothing in it yet.
     *
     * @throws TransferException with the code of the first check that fails
     */
    public static void prepare(Path root, long session) throws TransferException {
        prepare(root, session, new ResumeState());
    }

    /**
     * Prepares {@code root} for session {@code session} of the job whose journal says {@code held}.
     *
     * @throws TransferException with the code of the first check that fails
     */
    public static void prepare(Path root, long session, ResumeState held) throws TransferException {
        ensureDirectory(root);
        removeStaleTemps(root, held);
        probeWrite(root, TreeWriter.TEMP_PREFIX + session + "-probe");
    }

    private static void ensureDirectory(Path root) throws TransferException {
        if (Files.isDirectory(root)) {
            return;
        }
        try {
            Files.createDirectory(root);
            LOG.info(() -> "created target directory " + root);
        } catch (NoSuchFileException e) {
            throw new TransferException(ErrorCode.PERMISSION_DENIED, "the parent of target " + root + " is missing", e);
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "target " + root + " is not a usable directory");
        }
    }

    private static void removeStaleTemps(Path root, ResumeState held) throws TransferException {
        Set<String> journaled = new HashSet<>();
        held.temps().forEach(temp -> journaled.add(temp.name()));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (held.placed(name).isPresent() || (isTemp(entry) && journaled.contains(name))) {
                    continue;
                }
                if (!isTemp(entry)) {
                    throw new TransferException(ErrorCode.TARGET_NOT_EMPTY, "target " + root
                            + " holds " + name + ", which this job did not put there");
                }
                Files.deleteIfExists(entry);
                LOG.info(() -> "removed leftover temporary file " + entry);
            }
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "cannot clean target " + root);
        }
    }

    private static boolean isTemp(Path entry) throws IOException {
        return entry.getFileName().toString().startsWith(TreeWriter.TEMP_PREFIX)
                && Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile();
    }

    private static void probeWrite(Path root, String name) throws TransferException {
        Path probe = root.resolve(name);
        try {
            try (FileChannel channel = TempFileOpener.real().create(probe)) {
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.PERMISSION_DENIED, "target " + root + " is not writable");
        }
    }
}
