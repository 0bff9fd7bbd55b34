-- Where each consumer group stands in each partition: the next offset to read. Written in the same transaction
-- as the read models it reflects, so after any crash the consumer resumes exactly after what was applied.
CREATE TABLE consumer_offset (
    consumer_group VARCHAR(200) NOT NULL,
    topic          VARCHAR(249) NOT NULL,
    partition      INTEGER      NOT NULL,
    next_offset    BIGINT       NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);
