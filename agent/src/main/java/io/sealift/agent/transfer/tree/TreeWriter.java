package io.sealift.agent.transfer.tree;

import io.sealift.agent.state.StateException;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.resume.ResumeState;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Writes a verified manifest's tree into a target root, resumably: no file appears under its
 * final name before it verified in full, and what verified survives an interruption.
 *
 * <p>While the stream runs, regular files go to hidden temporary files directly in the root
 * ({@value #TEMP_PREFIX}{@code <session>-<n>}, created exclusively, owner-only), or continue a
 * temporary file of an earlier session from its verified prefix. Finished files are fsynced and
 * given their mtime and mode in the background. At checkpoints (every {@code journalInterval}
 * verified bytes, every {@value #CHECKPOINT_FILES} files, and when a session stops) the writer
 * waits for those fsyncs, fsyncs the file in progress, and records in the {@link TargetJournal}
 * which temporary files hold what. {@link #commit()} puts the tree in place ({@link TreeCommit}).
 *
 * <p>{@link #suspend()} (a session that may be resumed) keeps every journaled temporary file;
 * {@link #abort()} (a session that failed for good) removes all of the job's temporary files.
 *
 * <p>Not thread-safe: the receiver's thread owns it.
 */
public final class TreeWriter {
    /** The name prefix of temporary files in a target root; reserved at the top level. */
    public static final String TEMP_PREFIX = ResumeState.TEMP_PREFIX;
    /** The most finished files between two checkpoints. */
    static final int CHECKPOINT_FILES = 1024;

    private static final Logger LOG = Logger.getLogger(TreeWriter.class.getName());

    private final Path root;
    private final long session;
    private final TempFileOpener opener;
    private final TargetJournal journal;
    private final long journalInterval;
    private final List<String> touched = new ArrayList<>();
    private final List<ResumeState.Temp> finished = new ArrayList<>();
    private FileFinisher finisher;
    private ValidatedManifest manifest;
    private String[] temps;
    private int currentIndex = -1;
    private FileChannel current;
    private ErrorCode localFailure;
    private long verified;
    private long journaledVerified;
    private long unjournaledBytes;
    private int unjournaledFiles;

    /**
     * Creates a writer into {@code root} (already checked by {@link TargetCheck}) for {@code session}.
     *
     * @param journal the job's journal; the writer records in it and follows its state
     * @param journalInterval verified bytes between checkpoints
     */
    public TreeWriter(Path root, long session, TempFileOpener opener, TargetJournal journal, long journalInterval) {
        this.root = root;
        this.session = session;
        this.opener = opener;
        this.journal = journal;
        this.journalInterval = journalInterval;
    }

    /** Starts writing the tree of {@code verified}. */
    public void begin(ValidatedManifest verified) {
        if (manifest != null) {
            throw new IllegalStateException("the manifest was already given");
        }
        this.manifest = verified;
        this.temps = new String[verified.regularFiles().size()];
        this.finisher = new FileFinisher();
    }

    /**
     * Starts regular file {@code index}: a new temporary file at {@code offset} 0, or else the
     * journaled temporary file of the same path, cut back to {@code offset} (which the caller
     * checked against the journal). A file the writer cannot create fails on its own
     * ({@link #finishFile()} says how); its bytes are then dropped.
     *
     * @throws TransferException if the disk is full or the root refuses writes
     */
    public void startFile(int index, long offset) throws TransferException {
        if (manifest == null || currentIndex >= 0) {
            throw new IllegalStateException("a file is still open");
        }
        ManifestEntry entry = manifest.regularFiles().get(index);
        currentIndex = index;
        localFailure = null;
        verified = offset;
        journaledVerified = offset;
        ResumeState.Temp held = journal.state().temp(entry.getPath()).orElse(null);
        try {
            if (offset > 0) {
                temps[index] = held.name();
                current = FileChannel.open(root.resolve(held.name()), StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                current.truncate(offset);
                current.position(offset);
            } else {
                if (held != null) {
                    discard(held.name(), entry.getPath());
                }
                temps[index] = TEMP_PREFIX + session + "-" + index;
                current = opener.create(root.resolve(temps[index]));
            }
            touched.add(temps[index]);
        } catch (IOException e) {
            failLocally(e, "cannot open a temporary file for " + entry.getPath());
        }
    }

    /** Appends {@code length} bytes of {@code data} at {@code offset} to the file in progress. */
    public void write(byte[] data, int offset, int length) throws TransferException {
        if (current == null) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        try {
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
        } catch (IOException e) {
            failLocally(e, "cannot write " + temps[currentIndex]);
        }
    }

    /** Fails the file in progress on its own, unless the disk is full or the root refuses writes. */
    private void failLocally(IOException e, String what) throws TransferException {
        ErrorCode code = IoErrors.code(e, ErrorCode.FILE_IO_ERROR);
        if (code == ErrorCode.DISK_FULL || code == ErrorCode.PERMISSION_DENIED) {
            throw IoErrors.classify(e, ErrorCode.FILE_IO_ERROR, what);
        }
        LOG.warning(() -> what + " (the file fails, the session goes on): " + e);
        localFailure = ErrorCode.FILE_IO_ERROR;
        closeCurrent();
        if (temps[currentIndex] != null) {
            discard(temps[currentIndex], manifest.regularFiles().get(currentIndex).getPath());
            temps[currentIndex] = null;
        }
    }

    /** Counts {@code length} more bytes of the file in progress as verified; checkpoints when due. */
    public void segmentVerified(int length) throws TransferException {
        if (current == null) {
            return;
        }
        verified += length;
        unjournaledBytes += length;
        if (unjournaledBytes >= journalInterval) {
            checkpoint();
        }
    }

    /**
     * Ends the file in progress, whose bytes all verified, and queues it to be finished.
     *
     * @return null, or the code it failed with here
     */
    public ErrorCode finishFile() throws TransferException {
        int index = currentIndex;
        currentIndex = -1;
        if (current == null) {
            return localFailure;
        }
        ManifestEntry entry = manifest.regularFiles().get(index);
        try {
            closeCurrent();
            finisher.finish(root.resolve(temps[index]), entry);
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot finish " + temps[index]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(ErrorCode.INTERNAL, "interrupted while finishing files", e);
        }
        finished.add(new ResumeState.Temp(entry.getPath(), entry.getSize(), entry.getMtimeMillis(), temps[index],
                entry.getSize(), true));
        if (++unjournaledFiles >= CHECKPOINT_FILES) {
            checkpoint();
        }
        return null;
    }

    /** Drops the file in progress: the sender could not read it, and its last segment is not its content. */
    public void abandonFile() {
        int index = currentIndex;
        currentIndex = -1;
        closeCurrent();
        if (temps[index] != null) {
            discard(temps[index], manifest.regularFiles().get(index).getPath());
            temps[index] = null;
        }
    }

    /**
     * Records in the journal what is flushed to disk: waits for the background fsyncs of finished
     * files and fsyncs the file in progress first.
     *
     * @throws TransferException if flushing or journaling fails
     */
    public void checkpoint() throws TransferException {
        try {
            finisher.awaitAll();
            for (ResumeState.Temp temp : finished) {
                journal.recordTemp(temp);
            }
            finished.clear();
            if (current != null && verified > journaledVerified) {
                current.force(false);
                ManifestEntry entry = manifest.regularFiles().get(currentIndex);
                journal.recordTemp(new ResumeState.Temp(entry.getPath(), entry.getSize(), entry.getMtimeMillis(),
                        temps[currentIndex], verified, false));
                journaledVerified = verified;
            }
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot flush verified files");
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot write the journal: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(ErrorCode.INTERNAL, "interrupted while flushing files", e);
        }
        unjournaledBytes = 0;
        unjournaledFiles = 0;
    }

    /**
     * Puts the tree in place: every regular file held complete (from this session or journaled
     * by an earlier one), the directories and the symlinks; see {@link TreeCommit}. Afterwards
     * the journal holds only what was placed.
     *
     * @throws TransferException if anything fails; what was placed stays, journaled
     */
    public void commit() throws TransferException {
        if (manifest == null || currentIndex >= 0) {
            throw new IllegalStateException("not every regular file was written");
        }
        try {
            checkpoint();
            new TreeCommit(root, manifest, journal, temps, finisher).run();
            finisher.close();
        } catch (IOException e) {
            throw IoErrors.classify(e, ErrorCode.INTERNAL, "cannot put the tree in place under " + root);
        } catch (StateException e) {
            throw new TransferException(ErrorCode.INTERNAL, "cannot write the journal: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(ErrorCode.INTERNAL, "interrupted while putting the tree in place", e);
        }
    }

    /**
     * Stops a session that may be resumed: journals what it can (best effort), then removes only
     * the temporary files the journal does not know. Never throws.
     */
    public void suspend() {
        if (finisher != null) {
            try {
                checkpoint();
            } catch (TransferException | RuntimeException e) {
                LOG.info(() -> "could not journal the last verified bytes before stopping: " + e.getMessage());
            }
            finisher.close();
        }
        closeCurrent();
        Set<String> journaled = new HashSet<>();
        journal.state().temps().forEach(temp -> journaled.add(temp.name()));
        for (String name : touched) {
            if (!journaled.contains(name)) {
                delete(name);
            }
        }
    }

    /** Stops a session that failed for good: removes every temporary file of the job. Never throws. */
    public void abort() {
        if (finisher != null) {
            finisher.close();
        }
        closeCurrent();
        touched.forEach(this::delete);
        journal.state().temps().forEach(temp -> delete(temp.name()));
        try {
            journal.forgetTemps();
        } catch (StateException e) {
            LOG.warning(() -> "cannot rewrite the journal after removing temporary files: " + e.getMessage());
        }
    }

    /** Removes temporary file {@code name}, which held {@code path}, and forgets it. */
    private void discard(String name, String path) {
        delete(name);
        journal.forgetTemp(path);
    }

    private void delete(String name) {
        Path temp = root.resolve(name);
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove temporary file " + temp + ": " + e);
        }
    }

    private void closeCurrent() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing a temporary file failed: " + e);
        }
        current = null;
    }
}
