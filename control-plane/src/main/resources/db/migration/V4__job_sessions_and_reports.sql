-- Resume, retries and task reports. Runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL.
-- Metadata only: counts, error codes from the closed list (jobs.JobError), states. No file names:
-- the agents keep the names of failed files in their own local reports.

-- JobOutcome names are up to 33 characters (JOB_OUTCOME_SUCCEEDED_WITH_ERRORS); V2 allowed 32.
ALTER TABLE job ALTER COLUMN source_outcome SET DATA TYPE VARCHAR(40);
ALTER TABLE job ALTER COLUMN target_outcome SET DATA TYPE VARCHAR(40);

-- What the job's sessions transfer: 'all' (the whole source tree, resuming from the target's
-- journal) or 'failed_files' (only the files that failed earlier, after "retry failed files").
ALTER TABLE job ADD COLUMN scope VARCHAR(16) DEFAULT 'all' NOT NULL;
-- The control-plane process that assigned the current session (a random id per process start).
-- A running session assigned by a process that is gone has lost its relay pair.
ALTER TABLE job ADD COLUMN assigned_by UUID;
-- Sessions in a row that failed without the target placing anything new; a failure that leaves
-- this at sealift.jobs.max-attempts fails the job. DISK_FULL does not count (the job waits).
ALTER TABLE job ADD COLUMN stalled_attempts INT DEFAULT 0 NOT NULL;
-- Retryable failures in a row since the last session that made progress (DISK_FULL included):
-- the exponent of the retry backoff.
ALTER TABLE job ADD COLUMN failures_in_row INT DEFAULT 0 NOT NULL;
-- Whether the target reported higher counters in the current session than before it.
ALTER TABLE job ADD COLUMN session_progressed BOOLEAN DEFAULT FALSE NOT NULL;
-- Files the last session with results could not transfer, and files it skipped as out of scope.
ALTER TABLE job ADD COLUMN files_failed BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN files_skipped BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE job ADD CONSTRAINT job_scope_check CHECK (scope IN ('all', 'failed_files'));
ALTER TABLE job ADD CONSTRAINT job_retry_counters_check CHECK (stalled_attempts >= 0 AND failures_in_row >= 0
                                                              AND files_failed >= 0 AND files_skipped >= 0);

-- One row per transfer session of a job: written when it is assigned, completed when it ends.
CREATE TABLE job_session (
    job_id      UUID                     NOT NULL REFERENCES job (id),
    session     BIGINT                   NOT NULL,
    attempt     INT                      NOT NULL,
    scope       VARCHAR(16)              NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- NULL while the session runs.
    ended_at    TIMESTAMP WITH TIME ZONE,
    -- How it ended: 'requeued' (a retry follows), or the job's final state.
    ending      VARCHAR(32),
    error_code  VARCHAR(32),
    -- Whether the target placed something new in it (then it did not count against the limit).
    progressed  BOOLEAN                  NOT NULL,
    CONSTRAINT job_session_pk PRIMARY KEY (job_id, session),
    CONSTRAINT job_session_scope_check CHECK (scope IN ('all', 'failed_files')),
    CONSTRAINT job_session_ending_check CHECK (ending IN ('requeued', 'succeeded', 'succeeded_with_errors',
                                                          'failed', 'cancelled'))
);

-- Each agent's JobResult for a session, as far as the job took it into account (results of a
-- session that was already over are ignored and not stored). Counts are over the whole job.
CREATE TABLE job_session_result (
    job_id         UUID                     NOT NULL REFERENCES job (id),
    session        BIGINT                   NOT NULL,
    role           VARCHAR(8)               NOT NULL,
    agent_id       UUID                     NOT NULL REFERENCES agent (id),
    -- A sealift.v1.JobOutcome name.
    outcome        VARCHAR(40)              NOT NULL,
    error_code     VARCHAR(32),
    retryable      BOOLEAN                  NOT NULL,
    files_done     BIGINT                   NOT NULL,
    bytes_done     BIGINT                   NOT NULL,
    files_failed   BIGINT                   NOT NULL,
    files_skipped  BIGINT                   NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT job_session_result_pk PRIMARY KEY (job_id, session, role),
    CONSTRAINT job_session_result_role_check CHECK (role IN ('source', 'target')),
    CONSTRAINT job_session_result_counts_check CHECK (files_done >= 0 AND bytes_done >= 0 AND files_failed >= 0
                                                      AND files_skipped >= 0)
);

-- A result's failed files broken down by per-file error code: counts only, never names.
CREATE TABLE job_session_file_error (
    job_id   UUID        NOT NULL,
    session  BIGINT      NOT NULL,
    role     VARCHAR(8)  NOT NULL,
    code     VARCHAR(32) NOT NULL,
    files    BIGINT      NOT NULL,
    CONSTRAINT job_session_file_error_pk PRIMARY KEY (job_id, session, role, code),
    CONSTRAINT job_session_file_error_result_fk FOREIGN KEY (job_id, session, role)
        REFERENCES job_session_result (job_id, session, role),
    CONSTRAINT job_session_file_error_files_check CHECK (files > 0)
);
