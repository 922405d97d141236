-- Foundation schema. Runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL.
-- Separation by construction: no table or column here holds key material, plaintext, file
-- names or paths. Tokens are stored only as SHA-256 hashes; agents' keys only as their public,
-- self-signed key bundle.

CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    name        VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tenant_name_unique UNIQUE (name)
);

-- Staff bearer tokens. tenant_id is NULL only for platform-admin tokens.
CREATE TABLE api_token (
    id           UUID PRIMARY KEY,
    tenant_id    UUID REFERENCES tenant (id),
    role         VARCHAR(32)              NOT NULL,
    token_hash   VARCHAR(64)              NOT NULL,
    description  VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   UUID,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash),
    CONSTRAINT api_token_role_check CHECK (role IN ('platform-admin', 'owner', 'operator', 'auditor'))
);
CREATE INDEX api_token_tenant_idx ON api_token (tenant_id);

-- Single-use, short-lived agent enrollment tokens.
CREATE TABLE enrollment_token (
    id          UUID PRIMARY KEY,
    tenant_id   UUID                     NOT NULL REFERENCES tenant (id),
    token_hash  VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  UUID,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    used_by     UUID,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT enrollment_token_hash_unique UNIQUE (token_hash)
);
CREATE INDEX enrollment_token_tenant_idx ON enrollment_token (tenant_id);

-- Enrolled agents. key_bundle is the agent's serialized AgentKeyBundle (public keys only) and
-- key_bundle_signature the agent's own Ed25519 signature over it.
CREATE TABLE agent (
    id                    UUID PRIMARY KEY,
    tenant_id             UUID                     NOT NULL REFERENCES tenant (id),
    name                  VARCHAR(64)              NOT NULL,
    fingerprint           VARCHAR(71)              NOT NULL,
    key_bundle            BYTEA                    NOT NULL,
    key_bundle_signature  BYTEA                    NOT NULL,
    cert_serial           VARCHAR(64)              NOT NULL,
    cert_not_after        TIMESTAMP WITH TIME ZONE NOT NULL,
    version               VARCHAR(64),
    enrolled_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    connected             BOOLEAN                  NOT NULL,
    last_seen             TIMESTAMP WITH TIME ZONE,
    revoked_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT agent_fingerprint_unique UNIQUE (fingerprint),
    CONSTRAINT agent_cert_serial_unique UNIQUE (cert_serial)
);
CREATE INDEX agent_tenant_idx ON agent (tenant_id);

-- Endpoint names an agent declared in its last Hello. Names only: paths never leave the agent.
CREATE TABLE agent_endpoint (
    agent_id  UUID        NOT NULL REFERENCES agent (id),
    kind      VARCHAR(8)  NOT NULL,
    name      VARCHAR(64) NOT NULL,
    CONSTRAINT agent_endpoint_pk PRIMARY KEY (agent_id, kind, name),
    CONSTRAINT agent_endpoint_kind_check CHECK (kind IN ('source', 'target'))
);

-- The audit log. Metadata only: actor ids, never secrets; no file names or paths.
CREATE TABLE audit_event (
    seq             BIGINT PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    tenant_id       UUID,
    actor           VARCHAR(100)             NOT NULL,
    action          VARCHAR(64)              NOT NULL,
    target          VARCHAR(200),
    outcome         VARCHAR(32)              NOT NULL,
    correlation_id  VARCHAR(64),
    details         VARCHAR(4000)
);
CREATE INDEX audit_event_tenant_idx ON audit_event (tenant_id, seq);
