-- Tamper evidence for the audit log. Runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL.
-- See docs/audit-log.md. Every record is in two SHA-256 hash chains: the global chain (seq,
-- prev_hash) and its scope chain (chain = 'platform' or 'tenant:<id>', chain_seq,
-- chain_prev_hash); hash is the record's own hash. The columns are nullable only because rows
-- written before this migration get them at the next start (audit.AuditLog chains them, in seq
-- order, before the first new record).

ALTER TABLE audit_event ADD COLUMN chain VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN chain_prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN hash VARCHAR(64);
CREATE UNIQUE INDEX audit_event_chain_idx ON audit_event (chain, chain_seq);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);
CREATE INDEX audit_event_chain_time_idx ON audit_event (chain, occurred_at);

-- The head of each chain: its last record's sequence number and hash. An append locks the
-- global row (SELECT ... FOR UPDATE) and then its scope chain's row for the length of its
-- transaction, so appends are serialized by the database, across replicas too, and the
-- sequence has no gaps. checkpoint_seq is the last sequence number a stored checkpoint covers.
CREATE TABLE audit_head (
    chain           VARCHAR(64) PRIMARY KEY,
    last_seq        BIGINT      NOT NULL,
    last_hash       VARCHAR(64) NOT NULL,
    checkpoint_seq  BIGINT      NOT NULL
);
INSERT INTO audit_head (chain, last_seq, last_hash, checkpoint_seq)
    VALUES ('global', 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Signed checkpoints: record seq of chain has hash, signed at signed_at by the audit key
-- (Ed25519; signature is standard base64 of the raw 64 bytes). The private key is never here:
-- it lives in the data directory (audit/audit-key.json).
CREATE TABLE audit_checkpoint (
    id               UUID                     PRIMARY KEY,
    chain            VARCHAR(64)              NOT NULL,
    seq              BIGINT                   NOT NULL,
    hash             VARCHAR(64)              NOT NULL,
    signed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    key_fingerprint  VARCHAR(71)              NOT NULL,
    signature        VARCHAR(88)              NOT NULL,
    CONSTRAINT audit_checkpoint_chain_seq_unique UNIQUE (chain, seq)
);
