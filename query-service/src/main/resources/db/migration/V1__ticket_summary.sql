-- One row per ticket: what lists and the ticket view show. Built only from events; rebuildable from the topic.
CREATE TABLE ticket_summary (
    id            UUID PRIMARY KEY,
    number        VARCHAR(32) NOT NULL,
    title         TEXT        NOT NULL,
    description   TEXT        NOT NULL,
    status        VARCHAR(32) NOT NULL,
    priority      VARCHAR(16) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    -- the ticket's version after the last applied event: the exactly-once guard and the ETag
    version       BIGINT      NOT NULL,
    last_event_id UUID        NOT NULL,
    last_position BIGINT      NOT NULL,
    CONSTRAINT ticket_summary_number_key UNIQUE (number)
);

-- Serves the newest-first listing.
CREATE INDEX ticket_summary_newest_first ON ticket_summary (created_at DESC, id DESC);
