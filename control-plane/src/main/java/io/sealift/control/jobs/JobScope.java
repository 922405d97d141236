package io.sealift.control.jobs;

import io.sealift.proto.v1.TransferScope;
import java.util.Arrays;
import java.util.Optional;

/** Which files of the source a job's sessions transfer. */
public enum JobScope {
    /** The whole source tree; the target resumes from its journal, so what it holds is not sent again. */
    ALL("all", TransferScope.TRANSFER_SCOPE_ALL),
    /** Only the files that failed in earlier sessions, as the agents' local reports list them. */
    FAILED_FILES("failed_files", TransferScope.TRANSFER_SCOPE_FAILED_FILES);

    private final String wireName;
    private final TransferScope proto;

    JobScope(String wireName, TransferScope proto) {
        this.wireName = wireName;
        this.proto = proto;
    }

    /** Returns the name used in JSON and in the database: {@code all} or {@code failed_files}. */
    public String wireName() {
        return wireName;
    }

    /** Returns the scope as {@code sealift.v1} spells it. */
    public TransferScope proto() {
        return proto;
    }

    /** Returns the scope with this wire name. */
    public static Optional<JobScope> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
