package io.sealift.agent.state;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.sealift.agent.state.internal.PrivateFiles;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.SignedReceipt;
import io.sealift.proto.v1.TransferRole;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The journal of completed transfer sessions in the state directory: one file per session and
 * role holding the agent's signed receipt, written atomically (0600) once that side completed.
 *
 * <pre>
 * stateDir/transfers/            0700
 *   &lt;jobId&gt;/                     0700
 *     &lt;session&gt;.source.receipt   serialized SignedReceipt of the sender
 *     &lt;session&gt;.target.receipt   serialized SignedReceipt of the receiver
 *     &lt;session&gt;.source.result    serialized JobResult the sender reported (and .target.result)
 *     target.journal             what the target holds of the job, for resuming ({@link RecordLog})
 *     source.report.jsonl        the task report of the source side, with file names
 *     target.report.jsonl        the task report of the target side
 * </pre>
 *
 * <p>A receiver refuses a header for a session it has a receipt for; an agent assigned a session
 * it already completed reports the stored receipt again instead of transferring. Thread-safe:
 * instances hold only the directory.
 */
public final class TransferJournal {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path dir;

    /** Returns the journal of {@code stateDir}. */
    public TransferJournal(StateDir stateDir) {
        this.dir = stateDir.root().resolve("transfers");
    }

    /** Returns whether {@code jobId} is safe to use as a file name here: a job id from the control plane is not trusted. */
    public static boolean isValidJobId(String jobId) {
        return JOB_ID.matcher(jobId).matches();
    }

    /**
     * Returns the receipt recorded for the session, if it completed.
     *
     * @throws StateException if the job id is unusable or the journal is unreadable or damaged
     */
    public Optional<SignedReceipt> receipt(String jobId, long session, TransferRole role) {
        return read(file(jobId, session, role), SignedReceipt.parser());
    }

    /**
     * Records that the session completed, with the agent's receipt.
     *
     * @throws StateException if the journal cannot be written
     */
    public void recordCompleted(String jobId, long session, TransferRole role, SignedReceipt receipt) {
        Path file = file(jobId, session, role);
        try {
            PrivateFiles.ensureDirectory(dir);
            PrivateFiles.ensureDirectory(file.getParent());
            PrivateFiles.write(file, receipt.toByteArray());
        } catch (IOException e) {
            throw new StateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the directory of job {@code jobId}, where its receipts, journal and reports live;
     * nothing is created.
     *
     * @throws StateException if the job id is not usable as a file name
     */
    public Path jobDir(String jobId) {
        if (!isValidJobId(jobId)) {
            throw new StateException("job id is not usable as a file name: it must match " + JOB_ID.pattern());
        }
        return dir.resolve(jobId);
    }

    /**
     * Creates the directory of job {@code jobId} (0700) if missing and returns it.
     *
     * @throws StateException if the job id is unusable or the directory cannot be created
     */
    public Path createJobDir(String jobId) {
        Path jobDir = jobDir(jobId);
        try {
            PrivateFiles.ensureDirectory(dir);
            PrivateFiles.ensureDirectory(jobDir);
        } catch (IOException e) {
            throw new StateException("cannot create " + jobDir + ": " + e.getMessage(), e);
        }
        return jobDir;
    }

    /**
     * Returns the job result stored for the session when it completed, if any.
     *
     * @throws StateException if the job id is unusable or the file is unreadable or damaged
     */
    public Optional<JobResult> result(String jobId, long session, TransferRole role) {
        return read(resultFile(jobId, session, role), JobResult.parser());
    }

    /** Reads and parses {@code file}; empty if it does not exist. */
    private static <T> Optional<T> read(Path file, Parser<T> parser) {
        try {
            return Optional.of(parser.parseFrom(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            throw new StateException(file + " is damaged", e);
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores the result the agent reported for a completed session, so a repeated assignment is
     * answered with the same counts.
     *
     * @throws StateException if it cannot be written
     */
    public void recordResult(String jobId, long session, TransferRole role, JobResult result) {
        Path file = resultFile(jobId, session, role);
        writeJobFile(jobId, file.getFileName().toString(), out -> out.write(result.toByteArray()));
    }

    private Path resultFile(String jobId, long session, TransferRole role) {
        String receipt = file(jobId, session, role).getFileName().toString();
        return jobDir(jobId).resolve(receipt.replace(".receipt", ".result"));
    }

    /** What {@link #writeJobFile} writes into a file. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces file {@code name} of job {@code jobId} with what {@code content}
     * writes, as a 0600 file (temporary file, fsync, rename), creating the job's directory.
     *
     * @throws StateException if the job id is unusable or the file cannot be written
     */
    public void writeJobFile(String jobId, String name, FileContent content) {
        Path file = createJobDir(jobId).resolve(name);
        try {
            PrivateFiles.write(file, content::writeTo);
        } catch (IOException e) {
            throw new StateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String jobId, long session, TransferRole role) {
        String side = role == TransferRole.TRANSFER_ROLE_SOURCE ? "source" : "target";
        return jobDir(jobId).resolve(session + "." + side.toLowerCase(Locale.ROOT) + ".receipt");
    }
}
