package io.sealift.agent.transfer.session;

import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.ManifestEntry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of each regular file of a session's manifest, on one side: the base of the job's
 * counts and of the task report. Both sides come to the same results: the sender learns the
 * receiver's failures from its sealed outcome.
 *
 * <p>Counts are over the whole job: a file held from an earlier session is done. Not
 * thread-safe: the session's thread fills it, and hands it over when the session ends.
 */
public final class FileResults {
    /** What became of one file. */
    public enum Status {
        /** Nothing decided yet. */
        PENDING,
        /** Sent in this session, verified and in place. */
        TRANSFERRED,
        /** The receiver held it already, from an earlier session of the job. */
        HELD,
        /** Outside this session's scope, and the receiver does not hold it. */
        SKIPPED,
        /** Outside this session's scope; the receiver holds it from an earlier session. */
        SKIPPED_HELD,
        /** Failed, with a per-file code. */
        FAILED
    }

    private final List<ManifestEntry> files;
    private final Status[] statuses;
    private final Map<Integer, ErrorCode> failures = new HashMap<>();

    /** Creates the results of {@code files} (the manifest's regular files, in order), all pending. */
    public FileResults(List<ManifestEntry> files) {
        this.files = List.copyOf(files);
        this.statuses = new Status[files.size()];
        java.util.Arrays.fill(statuses, Status.PENDING);
    }

    void set(int file, Status status) {
        statuses[file] = status;
        failures.remove(file);
    }

    void fail(int file, ErrorCode code) {
        statuses[file] = Status.FAILED;
        failures.put(file, code);
    }

    /** Returns the files, in manifest order. */
    public List<ManifestEntry> files() {
        return files;
    }

    /** Returns what became of file {@code i}. */
    public Status status(int i) {
        return statuses[i];
    }

    /** Returns the code file {@code i} failed with, if it failed. */
    public Optional<ErrorCode> error(int i) {
        return Optional.ofNullable(failures.get(i));
    }

    private static boolean done(Status status) {
        return status == Status.TRANSFERRED || status == Status.HELD || status == Status.SKIPPED_HELD;
    }

    /** Returns how many files are in place at the end of the session, from any session of the job. */
    public long filesDone() {
        long done = 0;
        for (Status status : statuses) {
            done += done(status) ? 1 : 0;
        }
        return done;
    }

    /** Returns the bytes of the files in place. */
    public long bytesDone() {
        long bytes = 0;
        for (int i = 0; i < statuses.length; i++) {
            bytes += done(statuses[i]) ? files.get(i).getSize() : 0;
        }
        return bytes;
    }

    /** Returns how many files failed in this session. */
    public long filesFailed() {
        return failures.size();
    }

    /** Returns how many files were outside this session's scope. */
    public long filesSkipped() {
        long skipped = 0;
        for (Status status : statuses) {
            skipped += status == Status.SKIPPED || status == Status.SKIPPED_HELD ? 1 : 0;
        }
        return skipped;
    }

    /** Returns how many files failed with each code, in code order. */
    public Map<ErrorCode, Long> errorCounts() {
        Map<ErrorCode, Long> counts = new EnumMap<>(ErrorCode.class);
        failures.values().forEach(code -> counts.merge(code, 1L, Long::sum));
        return counts;
    }
}
