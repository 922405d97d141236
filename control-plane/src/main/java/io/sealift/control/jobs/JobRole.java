package io.sealift.control.jobs;

import io.sealift.proto.v1.TransferRole;

/** The part an agent plays in a job: it reads the source endpoint, or writes the target one. */
public enum JobRole {
    /** Reads the named source endpoint and sends. */
    SOURCE("source", TransferRole.TRANSFER_ROLE_SOURCE),
    /** Receives and writes into the named target endpoint. */
    TARGET("target", TransferRole.TRANSFER_ROLE_TARGET);

    private final String wireName;
    private final TransferRole proto;

    JobRole(String wireName, TransferRole proto) {
        this.wireName = wireName;
        this.proto = proto;
    }

    /** Returns the name used in JSON and in the database: {@code source} or {@code target}. */
    public String wireName() {
        return wireName;
    }

    /** Returns the role as {@code sealift.v1} spells it. */
    public TransferRole proto() {
        return proto;
    }

    /** Returns the other role. */
    public JobRole peer() {
        return this == SOURCE ? TARGET : SOURCE;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
