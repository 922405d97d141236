-- Migration jobs. Runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL.
-- Metadata only: endpoint NAMES from the agents' configs (never paths), counters, codes and the
-- agents' signed receipts (counts and a hash over ciphertext). No file names, no keys.

CREATE TABLE job (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID                     NOT NULL REFERENCES tenant (id),
    source_agent_id     UUID                     NOT NULL REFERENCES agent (id),
    source_endpoint     VARCHAR(64)              NOT NULL,
    target_agent_id     UUID                     NOT NULL REFERENCES agent (id),
    target_endpoint     VARCHAR(64)              NOT NULL,
    state               VARCHAR(32)              NOT NULL,
    -- Assignments so far (0 while never assigned); a retry is a new attempt.
    attempt             INT                      NOT NULL,
    -- The current transfer session (0 while never assigned); every assignment starts a new one.
    session             BIGINT                   NOT NULL,
    -- How each agent ended the current session (a JobOutcome name), NULL until it reports.
    source_outcome      VARCHAR(32),
    target_outcome      VARCHAR(32),
    bytes_done          BIGINT                   NOT NULL,
    bytes_total         BIGINT                   NOT NULL,
    files_done          BIGINT                   NOT NULL,
    files_total         BIGINT                   NOT NULL,
    bytes_per_second    BIGINT                   NOT NULL,
    -- Payload bytes the relay forwarded from source to target in the current session.
    bytes_relayed       BIGINT                   NOT NULL,
    -- Whether the counters come from the target agent (else from the relay's byte count).
    progress_from_agent BOOLEAN                  NOT NULL,
    -- The last progress milestone audited in this session: 0, 25, 50 or 75 (percent).
    progress_milestone  INT                      NOT NULL,
    progress_at         TIMESTAMP WITH TIME ZONE,
    error_code          VARCHAR(32),
    -- A queued job is not assigned before this time (retry backoff).
    retry_at            TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE,
    finished_at         TIMESTAMP WITH TIME ZONE,
    -- The API token that created the job.
    created_by          UUID,
    -- Optimistic lock: every update bumps it, and an update of a stale read changes no row.
    version             BIGINT                   NOT NULL,
    CONSTRAINT job_state_check CHECK (state IN ('queued', 'running', 'succeeded', 'succeeded_with_errors',
                                                'failed', 'cancelled')),
    CONSTRAINT job_counters_check CHECK (attempt >= 0 AND session >= 0 AND bytes_done >= 0
                                         AND bytes_total >= 0 AND files_done >= 0 AND files_total >= 0
                                         AND bytes_per_second >= 0 AND bytes_relayed >= 0)
);
CREATE INDEX job_tenant_idx ON job (tenant_id, created_at);
CREATE INDEX job_state_idx ON job (state, retry_at);
CREATE INDEX job_source_agent_idx ON job (source_agent_id, state);
CREATE INDEX job_target_agent_idx ON job (target_agent_id, state);

-- The signed receipts agents send at the end of a session: a serialized sealift.v1.Receipt
-- (job, session, agent, role, counts, ciphertext root) and the agent's Ed25519 signature over it.
-- verified says whether the signature held against the agent's stored identity key and the
-- receipt named this job, session, agent and role.
CREATE TABLE job_receipt (
    job_id       UUID                     NOT NULL REFERENCES job (id),
    session      BIGINT                   NOT NULL,
    role         VARCHAR(8)               NOT NULL,
    agent_id     UUID                     NOT NULL REFERENCES agent (id),
    receipt      BYTEA                    NOT NULL,
    signature    BYTEA                    NOT NULL,
    verified     BOOLEAN                  NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT job_receipt_pk PRIMARY KEY (job_id, session, role),
    CONSTRAINT job_receipt_role_check CHECK (role IN ('source', 'target'))
);
