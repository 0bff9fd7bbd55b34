-- Issue 6: callers are token subjects (up to 255 characters), and the audit chain's checkpoints.

ALTER TABLE idempotency_key ALTER COLUMN actor TYPE VARCHAR(255);

-- How far the signed checkpoints of the chain heads reach, in the relay's (tx_id, global_index) order, and the
-- sequence number and digest of the last one published. One row. The checkpoints themselves live outside the
-- database (on Kafka), signed with a key the database never holds.
CREATE TABLE audit_checkpoint_state (
    id                SMALLINT    PRIMARY KEY CHECK (id = 1),
    last_tx_id        XID8        NOT NULL,
    last_global_index BIGINT      NOT NULL,
    sequence          BIGINT      NOT NULL,
    digest            CHAR(64)    NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO audit_checkpoint_state (id, last_tx_id, last_global_index, sequence, digest)
VALUES (1, '0', 0, 0, repeat('0', 64));
