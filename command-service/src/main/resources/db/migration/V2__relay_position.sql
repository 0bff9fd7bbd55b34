-- How far each relay has published: the last (tx_id, global_index) that Kafka acknowledged.
CREATE TABLE relay_position (
    relay_name        VARCHAR(100) PRIMARY KEY,
    last_tx_id        XID8        NOT NULL,
    last_global_index BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
